/**
 * The one Content-Security-Policy of the app. Electron sets it on every `app://` response (the
 * protocol handler's own headers, main/electron/app-protocol.ts) with `connect-src` narrowed to
 * the servers in settings; the renderer's HTML carries the part of it that is valid in a
 * `<meta http-equiv>` tag (cspMetaPolicy, injected at build time), and the browser-mode host
 * sends the header. Where several policies apply, the browser enforces every one of them.
 */
const baseDirectives: readonly string[] = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "media-src 'self' blob: mediastream:",
];
const trailingDirectives: readonly string[] = ["base-uri 'none'", "form-action 'none'", "object-src 'none'"];
/** Ignored in a meta tag (CSP3 §3.3): frame-ancestors, report-uri and sandbox work only as headers. */
const headerOnlyDirectives: readonly string[] = ["frame-ancestors 'none'"];

/** Any ws:/wss: endpoint: for the meta tag and the browser-mode host, which cannot know the servers. */
const anyWebSocket = ['ws:', 'wss:'] as const;

function policy(connect: readonly string[], withHeaderOnly: boolean): string {
  return [
    ...baseDirectives,
    `connect-src ${["'self'", ...connect].join(' ')}`,
    ...trailingDirectives,
    ...(withHeaderOnly ? headerOnlyDirectives : []),
  ].join('; ');
}

/**
 * The header the browser-mode host sends: any WebSocket, because the agent can point the page at
 * a new SIP server without reloading it (the page's policy is fixed when it loads).
 */
export const contentSecurityPolicy = policy(anyWebSocket, true);

/** The meta tag's policy: the same, without the directives a meta tag ignores. */
export const cspMetaPolicy = policy(anyWebSocket, false);

/** What a CSP source for a configured server is built from (a subset of Settings). */
export interface CspServers {
  serverUrl: string | null;
  sip: { wsUrl: string } | null;
}

/**
 * scheme://host[:port] at the start of a URL. The host is a DNS name, an IPv4 or a bracketed IPv6
 * address: nothing that could end a source list or a directive. (shared/ has no URL parser.)
 */
const originPattern =
  /^(wss?|https?):\/\/((?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\]))(?::(\d{1,5}))?(?:[/?#]|$)/i;

/**
 * The CSP source for one configured URL: its origin (`wss://sip.example.com:8443`), or null for a
 * URL that is missing, of another scheme, or holds characters a policy must never carry.
 */
export function cspSourceFor(url: string | null | undefined): string | null {
  const m = url ? originPattern.exec(url) : null;
  if (!m || /[\s;,'"]/.test(url ?? '')) return null;
  const [, scheme, host, port] = m;
  return `${scheme!.toLowerCase()}://${host!.toLowerCase()}${port ? `:${port}` : ''}`;
}

/** The configured servers' sources, each once, in a stable order (SIP first). */
export function connectSourcesFor(servers: CspServers): string[] {
  const sources = [cspSourceFor(servers.sip?.wsUrl), cspSourceFor(servers.serverUrl)];
  return [...new Set(sources.filter((s): s is string => s !== null))];
}

/**
 * Electron's policy for the settings in force: `connect-src` allows the app itself, the SIP
 * WebSocket and the central server, nothing else.
 */
export function contentSecurityPolicyFor(servers: CspServers): string {
  return policy(connectSourcesFor(servers), true);
}
