#!KAMAILIO
# Seatdesk SIP bench: registrar + proxy with a WebSocket listener on loopback.
# Filled in by tests/helpers/kamailio.ts: the UDP and WS ports, the SIP domain and the users, and
# (only when media is anchored) `#!define WITH_RTPENGINE` with rtpengine's ng control socket.
@@DEFINES@@

debug=2
log_stderror=yes
fork=yes
children=2
tcp_children=2
disable_tcp=no
auto_aliases=no
listen=udp:127.0.0.1:@@UDP_PORT@@
listen=tcp:127.0.0.1:@@WS_PORT@@
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
modparam("auth", "nonce_expire", 300)
#!ifdef WITH_RTPENGINE
modparam("rtpengine", "rtpengine_sock", RTPENGINE_SOCK)
#!endif

event_route[htable:mod-init] {
@@USERS@@
@@QUEUE_MEMBERS@@
}

request_route {
	if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
	if (!sanity_check("17895", "7")) { xlog("L_WARN", "malformed SIP from $si:$sp\n"); exit; }

	if (nat_uac_test("64")) {
		# Requests over WebSocket: make the .invalid contact reachable through this connection.
		if (is_method("REGISTER")) { fix_nated_register(); }
		else { add_contact_alias(); }
		force_rport();
	}

	if (is_method("OPTIONS") && uri==myself && $rU==$null) { sl_send_reply("200", "OK"); exit; }

	if (has_totag()) { route(WITHINDLG); exit; }

	if (is_method("CANCEL")) {
		if (t_check_trans()) { route(RELAY); }
		exit;
	}
	t_check_trans();
	remove_hf("Route");
	if (is_method("INVITE|SUBSCRIBE|REFER")) { record_route(); }

	if (is_method("REGISTER")) { route(REGISTRAR); exit; }

	if (is_method("INVITE")) { route(AUTH); }

	if ($rU==$null) { sl_send_reply("484", "Address Incomplete"); exit; }
	route(LOCATION);
}

# Digest authentication against the static user table (the bench's stand-in for a user database).
route[AUTH] {
	if (!pv_proxy_authorize("$fd", "$sht(users=>$au)", "0")) {
		proxy_challenge("$fd", "0");
		exit;
	}
	consume_credentials();
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
	if (loose_route()) {
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
	if (is_method("ACK")) {
		if (t_check_trans()) { route(RELAY); }
		exit;
	}
	sl_send_reply("404", "Not here");
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
	if ($Rp != @@WS_PORT@@) { xhttp_reply("403", "Forbidden", "", ""); exit; }
	if ($hdr(Upgrade)=~"websocket" && $hdr(Connection)=~"Upgrade" && $rm=~"GET") {
		if (ws_handle_handshake()) { exit; }
	}
	xhttp_reply("404", "Not Found", "", "");
}
