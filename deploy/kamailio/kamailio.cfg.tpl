#!KAMAILIO
# Seatdesk SIP bench: registrar + proxy with a WebSocket listener on loopback.
# Filled in by tests/helpers/kamailio.ts (docs/deploy-sip.md says how to fill it for a deployment):
# the UDP and WS ports, the SIP domain, the users, the gateway accounts and trunk addresses, the
# route-signing secret (`#!define RR_SECRET "..."`, required), optionally `#!define WITH_TLS` with
# the wss port and certificate, the flood limits, and (only when media is anchored)
# `#!define WITH_RTPENGINE` with rtpengine's ng control socket.
@@DEFINES@@

# Flood limits per source address (pike): more than PIKE_DENSITY requests in PIKE_SAMPLING_SECONDS
# from one address bans it for PIKE_BAN_SECONDS (nothing it sends is answered). Trunk addresses
# are exempt. Override with #!define in the filled-in part above.
#!ifndef PIKE_SAMPLING_SECONDS
#!define PIKE_SAMPLING_SECONDS 2
#!endif
#!ifndef PIKE_DENSITY
#!define PIKE_DENSITY 300
#!endif
#!ifndef PIKE_BAN_SECONDS
#!define PIKE_BAN_SECONDS 300
#!endif

debug=2
log_stderror=yes
fork=yes
children=2
tcp_children=2
disable_tcp=no
auto_aliases=no
listen=udp:@@SIP_IP@@:@@UDP_PORT@@
# Plain WebSocket only on loopback (the tests; a local reverse proxy). Anything beyond the machine
# reaches the proxy over wss (WITH_TLS) or, for trunks, over UDP on SIP_IP.
listen=tcp:127.0.0.1:@@WS_PORT@@
#!ifdef WITH_TLS
enable_tls=yes
listen=tls:@@SIP_IP@@:@@WSS_PORT@@
#!endif
# The SIP domain only (no bare-IP alias: see shared/sip-bench-notes.md).
alias="@@DOMAIN@@"
tcp_accept_no_cl=yes
tcp_connection_lifetime=3605


loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "nathelper.so"
loadmodule "xhttp.so"
loadmodule "websocket.so"
loadmodule "htable.so"
loadmodule "auth.so"
loadmodule "pike.so"
loadmodule "crypto.so"
#!ifdef WITH_TLS
loadmodule "tls.so"
#!endif
#!ifdef WITH_RTPENGINE
loadmodule "rtpengine.so"
#!endif

modparam("tm", "fr_timer", 10000)
modparam("tm", "fr_inv_timer", 60000)
modparam("rr", "append_fromtag", 1)
modparam("rr", "enable_double_rr", 1)
modparam("registrar", "max_expires", 3600)
modparam("registrar", "gruu_enabled", 0)
modparam("registrar", "received_avp", "$avp(RECEIVED)")
modparam("usrloc", "db_mode", 0)
modparam("nathelper", "received_avp", "$avp(RECEIVED)")
modparam("websocket", "keepalive_mechanism", 0)
modparam("htable", "htable", "users=>size=8;")
# Queue membership: "queue-north/1001" => 1 lets agent 1001 bind its contact to sip:queue-north@…
modparam("htable", "htable", "queues=>size=8;")
# Gateway accounts: "gateways=>gateway" => 1 lets that account present any caller (From,
# P-Asserted-Identity), as a PSTN gateway does. Every other account speaks only as itself.
modparam("htable", "htable", "gateways=>size=4;")
# Trunk source addresses: "trunks=>192.0.2.10" => 1 trusts requests over UDP/TCP/TLS from that
# address without digest (a carrier authenticates by address), with their identity headers.
modparam("htable", "htable", "trunks=>size=4;")
# Addresses banned for flooding (pike): address => when the ban began ($Ts). Forgotten after a day.
modparam("htable", "htable", "ipban=>size=8;autoexpire=86400;")
modparam("auth", "nonce_expire", 300)
modparam("pike", "sampling_time_unit", PIKE_SAMPLING_SECONDS)
modparam("pike", "reqs_density_per_unit", PIKE_DENSITY)
modparam("pike", "remove_latency", 4)
#!ifdef WITH_TLS
modparam("tls", "tls_method", "TLSv1.2+")
modparam("tls", "certificate", "@@TLS_CERT@@")
modparam("tls", "private_key", "@@TLS_KEY@@")
modparam("tls", "verify_certificate", 0)
modparam("tls", "require_certificate", 0)
#!endif
#!ifdef WITH_RTPENGINE
modparam("rtpengine", "rtpengine_sock", RTPENGINE_SOCK)
#!endif

event_route[htable:mod-init] {
@@USERS@@
@@QUEUE_MEMBERS@@
@@GATEWAYS@@
@@TRUNKS@@
}

request_route {
	route(FLOOD);
	if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
	if (!sanity_check("17895", "7")) { xlog("L_WARN", "malformed SIP from $si:$sp\n"); exit; }

	if (nat_uac_test("64")) {
		# Requests over WebSocket: make the .invalid contact reachable through this connection.
		if (is_method("REGISTER")) { fix_nated_register(); }
		else { add_contact_alias(); }
		force_rport();
	}

	# The softphone's keep-alive and self-test ping: answered by the proxy itself, reaches nobody.
	if (is_method("OPTIONS") && uri==myself && $rU==$null) { sl_send_reply("200", "OK"); exit; }

	if (has_totag()) { route(WITHINDLG); exit; }

	if (is_method("CANCEL")) {
		if (t_check_trans()) { route(RELAY); }
		exit;
	}
	t_check_trans();
	remove_hf("Route");

	if (is_method("REGISTER")) { route(REGISTRAR); exit; }
	# An ACK with no To-tag that matched no transaction above belongs to nothing.
	if (is_method("ACK")) { exit; }

	# Every other request that starts something (INVITE, MESSAGE, OPTIONS to a user, SUBSCRIBE,
	# NOTIFY, REFER, INFO, ...) is authenticated before it reaches anyone.
	route(AUTH);
	if (is_method("INVITE|SUBSCRIBE|REFER")) { route(RECORD_ROUTE); }

	if ($rU==$null) { sl_send_reply("484", "Address Incomplete"); exit; }
	route(LOCATION);
}

# Flood protection: an address over the pike limit is banned for a while; a banned address gets no
# answer at all (an answer would only feed the flood). Trusted trunk addresses are exempt.
route[FLOOD] {
	if (route(FROM_TRUNK)) { return; }
	if ($sht(ipban=>$si) != $null) {
		if ($Ts - $sht(ipban=>$si) < PIKE_BAN_SECONDS) { exit; }
		sht_rm("ipban", "$si");
	}
	if (!pike_check_req()) {
		xlog("L_ALERT", "flood: $si banned ($rm from $si:$sp over $pr)\n");
		$sht(ipban=>$si) = $Ts;
		exit;
	}
}

# True for a request from a configured trunk address (never over WebSocket: browsers are not trunks).
route[FROM_TRUNK] {
	if ($sht(trunks=>$si) == 1 && $pr =~ "^(udp|tcp|tls)$") { return 1; }
	return -1;
}

# Who may start something: a trunk by its address, anyone else by digest against the user table.
# Only trunks and gateway accounts may say who the caller is; an agent or phone account speaks as
# itself (From user = its account, From host = this domain) and loses any identity header it sent.
route[AUTH] {
	if (route(FROM_TRUNK)) { return; }
	if (!pv_proxy_authorize("$fd", "$sht(users=>$au)", "0")) {
		proxy_challenge("$fd", "0");
		exit;
	}
	if ($sht(gateways=>$au) != 1) {
		if ($fU != $au || !(from_uri==myself)) {
			xlog("L_WARN", "account $au sent From $fu: refused\n");
			sl_send_reply("403", "Forbidden: From does not match the account");
			exit;
		}
		remove_hf("P-Asserted-Identity");
		remove_hf("P-Preferred-Identity");
		remove_hf("Remote-Party-ID");
	}
	consume_credentials();
}

# Record-Route, signed: the Route a dialog's requests carry back names this proxy and holds an
# HMAC of the dialog's Call-ID and From-tag under RR_SECRET. WITHINDLG routes only what it signed,
# so a stranger cannot forge a To-tag and a Route to relay through this proxy. Stateless: dialogs
# survive a restart of the proxy (same secret).
route[RECORD_ROUTE] {
	crypto_hmac_sha256("$ci|$ft", RR_SECRET, "$var(rrsig)");
	$var(rrsig) = $(var(rrsig){s.substr,0,43});
	record_route(";sig=$var(rrsig)");
}

route[REGISTRAR] {
	if (!pv_www_authorize("$td", "$sht(users=>$au)", "0")) {
		www_challenge("$td", "0");
		exit;
	}
	# An agent registers its own AOR, and while Ready also the AOR of a queue it belongs to: an
	# INVITE to the queue then forks to the contacts of exactly the Ready agents (docs/adr/0004).
	if ($au != $tU && !($tU =~ "^queue-" && $sht(queues=>$tU/$au) == 1)) {
		sl_send_reply("403", "Forbidden: auth user does not match");
		exit;
	}
	consume_credentials();
	if (!save("location")) { sl_reply_error(); }
}

route[LOCATION] {
	# A WebSocket phone's contact as a target (an attended transfer's Refer-To names the consulted
	# phone's contact): its user is its AOR user (see WITHINDLG), so look that AOR up.
	if ($(ru{uri.host}) =~ "\.invalid$" && $rU != $null) { $ru = "sip:" + $rU + "@@@DOMAIN@@"; }
	if (!lookup("location")) {
		t_newtran();
		t_reply("480", "Temporarily Unavailable");
		exit;
	}
	route(RELAY);
}

route[WITHINDLG] {
	# The ACK of a negative reply: tm absorbs it here when it belongs to one of our transactions.
	if (is_method("ACK")) { t_check_trans(); }
	# Only dialogs this proxy record-routed: the top Route carries our signature of this Call-ID and
	# the dialog's first From-tag (ftag), and loose_route() consumes it as a Route to this proxy.
	$var(ftag) = $(route_uri{uri.param,ftag});
	$var(sig) = $(route_uri{uri.param,sig});
	crypto_hmac_sha256("$ci|$var(ftag)", RR_SECRET, "$var(expect)");
	$var(expect) = $(var(expect){s.substr,0,43});
	if ($(var(sig){s.len}) != 43 || $var(sig) != $var(expect) || !loose_route() || !check_route_param("sig=")) {
		xlog("L_WARN", "in-dialog $rm from $si:$sp with no Route of ours: refused\n");
		if (!is_method("ACK")) { sl_send_reply("403", "Forbidden: not a dialog of this proxy"); }
		exit;
	}
	# Identity headers inside a dialog count only from a trunk.
	if (!route(FROM_TRUNK)) {
		remove_hf("P-Asserted-Identity");
		remove_hf("P-Preferred-Identity");
		remove_hf("Remote-Party-ID");
	}
	# A WebSocket phone's contact (host *.invalid, user = its AOR user) is reached through
	# its current registration, not the connection the dialog began on: that one is gone
	# after the phone reconnected or this proxy restarted. Anything else: the alias.
	if ($(ru{uri.host}) =~ "\.invalid$" && $rU != $null) {
		$var(target) = $ru;
		$ru = "sip:" + $rU + "@@@DOMAIN@@";
		if (!lookup("location")) { $ru = $var(target); handle_ruri_alias(); }
	} else {
		handle_ruri_alias();
	}
	route(RELAY);
	exit;
}

route[RELAY] {
	if (is_method("INVITE")) {
		t_on_reply("REPLY");
#!ifdef WITH_RTPENGINE
		# Offers are rewritten per branch: each branch knows where it goes (WebSocket or UDP).
		if (has_body("application/sdp")) { t_on_branch("MEDIA_OFFER"); }
		# A new call that fails (busy, unanswered, cancelled) must not leave its media session.
		if (!has_totag()) { t_on_failure("MEDIA_FAILED"); }
#!endif
	}
#!ifdef WITH_RTPENGINE
	if (is_method("BYE|CANCEL")) { rtpengine_delete(); }
#!endif
	if (!t_relay()) { sl_reply_error(); }
	exit;
}

onreply_route[REPLY] {
	if (nat_uac_test("64")) { add_contact_alias(); }
#!ifdef WITH_RTPENGINE
	# The answer goes back in the offerer's own profile (rtpengine remembers it from the offer).
	if (has_body("application/sdp")) {
		rtpengine_answer("trust-address replace-origin replace-session-connection");
	}
#!endif
}

#!ifdef WITH_RTPENGINE
# rtpengine anchors the media and converts between the two worlds, leg by leg:
#  - toward a browser (WS/WSS): ICE (Chrome wants ice-ufrag), DTLS-SRTP and rtcp-mux, which WebRTC
#    requires (without rtcp-mux-offer Chrome rejects the m-section);
#  - toward a plain SIP phone or trunk (UDP): RTP/AVP with RTCP on its own port and no ICE.
# Initial INVITEs and re-INVITEs (hold/resume) alike: the R-URI (or the destination set by
# lookup/handle_ruri_alias) says which transport the leg uses.
branch_route[MEDIA_OFFER] {
	if ($du =~ "transport=wss?" || $ru =~ "transport=wss?") {
		rtpengine_offer("ICE=force UDP/TLS/RTP/SAVPF rtcp-mux-offer replace-origin replace-session-connection");
	} else {
		rtpengine_offer("RTP/AVP rtcp-mux-demux ICE=remove replace-origin replace-session-connection");
	}
}

failure_route[MEDIA_FAILED] {
	rtpengine_delete();
}
#!endif

event_route[xhttp:request] {
	if ($Rp != @@WS_PORT@@ && $Rp != @@WSS_PORT@@) { xhttp_reply("403", "Forbidden", "", ""); exit; }
	if ($sht(ipban=>$si) != $null && $Ts - $sht(ipban=>$si) < PIKE_BAN_SECONDS) {
		xhttp_reply("403", "Forbidden", "", "");
		exit;
	}
	if ($hdr(Upgrade)=~"websocket" && $hdr(Connection)=~"Upgrade" && $rm=~"GET") {
		if (ws_handle_handshake()) { exit; }
	}
	xhttp_reply("404", "Not Found", "", "");
}
