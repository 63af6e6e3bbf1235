/**
 * What the agent typed or clicked, as the user part of a SIP URI: digits with an optional
 * leading '+', and * / # for services. Spaces, dashes, dots and brackets people paste from
 * cards are dropped; anything else is refused rather than sent into a SIP header.
 */
export function dialString(input: string): string | null {
  const compact = input.trim().replace(/[\s\-.()]/g, '');
  if (!/^\+?[0-9*#]{1,32}$/.test(compact)) return null;
  return compact;
}

/** One DTMF key (RFC 4733 events 0–9, *, #, A–D). */
export function isDtmfTone(key: string): boolean {
  return /^[0-9*#A-D]$/.test(key);
}

/**
 * RFC 3261 §14.1: after a 491 to a re-INVITE, wait before trying again — 2.1–4 s if this side
 * owns the Call-ID (it sent the initial INVITE), 0–2 s if not — so two UAs that collided do
 * not collide again.
 */
export function glareRetryMs(ownsCallId: boolean, random: () => number = Math.random): number {
  return ownsCallId ? Math.round(2100 + random() * 1900) : Math.round(random() * 2000);
}
