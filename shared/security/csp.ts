/**
 * The one Content-Security-Policy of the app, served by the browser-mode host
 * and set on every Electron response. connect-src allows ws:/wss: because the
 * SIP server's WebSocket URL is the agent's setting.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
