/**
 * Caller identity as the desktop uses it, taken from the SIP layer's view of
 * the INVITE. P-Asserted-Identity (set by a trusted trunk) wins over From.
 */
export interface CallerId {
  /** The user part of the URI, unescaped; '' when the URI has none. */
  number: string;
  /** Display name, bounded and stripped of control characters; never HTML. */
  displayName: string;
}

export const maxDisplayNameLength = 128;

/** Bounds a display name for showing: control characters dropped, length capped. */
export function cleanDisplayName(raw: string | undefined | null): string {
  if (!raw) return '';
  // eslint-disable-next-line no-control-regex
  const noControls = raw.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const unquoted = noControls.replace(/^"(.*)"$/, '$1');
  return unquoted.length > maxDisplayNameLength ? `${unquoted.slice(0, maxDisplayNameLength)}…` : unquoted;
}

/** The user part of a SIP/tel URI string, e.g. `sip:+88622345678@host;user=phone` → `+88622345678`. */
export function userPartOf(uri: string): string {
  const m = /^(?:sips?:|tel:)([^@;?>]*)(@|;|\?|>|$)/i.exec(uri.trim().replace(/^<|>$/g, ''));
  if (!m?.[1]) return '';
  // tel: URIs carry the number with no @; sip: URIs without @ have no user part.
  if (m[2] !== '@' && !/^tel:/i.test(uri.trim().replace(/^</, ''))) return '';
  try {
    return decodeURIComponent(m[1]).slice(0, 64);
  } catch {
    return m[1].slice(0, 64);
  }
}

/** Longest header value read; a 10 kB display name must still leave the URI after it readable. */
const maxHeaderLength = 65_536;

/** Parses a name-addr header value such as `"王小明" <sip:0223456789@pstn>;tag=1`. */
export function parseNameAddr(value: string): CallerId {
  const v = value.slice(0, maxHeaderLength).trim();
  // A quoted display name may itself hold '<' or '>' (markup, say): read past it before
  // looking for the URI's angle brackets.
  const quoted = /^"((?:[^"\\]|\\.)*)"\s*/.exec(v);
  const rest = quoted ? v.slice(quoted[0].length) : v;
  const lt = rest.indexOf('<');
  const gt = rest.indexOf('>', lt + 1);
  if (lt >= 0 && gt > lt) {
    const display = quoted ? (quoted[1] ?? '').replace(/\\(.)/g, '$1') : rest.slice(0, lt);
    return { displayName: cleanDisplayName(display), number: userPartOf(rest.slice(lt + 1, gt)) };
  }
  return { displayName: '', number: userPartOf(v.split(';')[0] ?? '') };
}

/** Picks the identity to pop: PAI when present and carrying a number, else From. */
export function callerIdFrom(from: CallerId, pAssertedIdentity: string | undefined): CallerId {
  if (pAssertedIdentity) {
    const pai = parseNameAddr(pAssertedIdentity);
    if (pai.number) return { number: pai.number, displayName: pai.displayName || from.displayName };
  }
  return from;
}
