import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** Caller ids that mean "no number": they pop a new-caller card, never a lookup. */
const anonymousIds = new Set(['anonymous', 'unknown', 'private', 'restricted', 'unavailable', '']);

export type NormalizedNumber =
  { kind: 'e164'; e164: string } | { kind: 'anonymous' } | { kind: 'invalid'; reason: string };

/**
 * Reads a caller number in any of the forms trunks and people write
 * (+886 2 2345 6789, 02-2345-6789, 0912345678, +86 138 0013 8000, 886223456789 …)
 * and returns it in E.164, using `defaultRegion` for national numbers.
 */
export function normalizeNumber(raw: string, defaultRegion: string): NormalizedNumber {
  const trimmed = raw.trim();
  if (anonymousIds.has(trimmed.toLowerCase())) return { kind: 'anonymous' };
  if (trimmed.length > 64) return { kind: 'invalid', reason: 'too long' };
  // Trunks often send international numbers without the plus, or with 00.
  const candidate = trimmed.replace(/^00(?=[1-9])/, '+');
  // Taiwanese numbers are often written with the area code in brackets: (02) 2345-6789.
  if (!/^[+(\d][\d\s().\-/]*$/.test(candidate)) return { kind: 'invalid', reason: 'not a phone number' };
  const parsed = parsePhoneNumberFromString(candidate, defaultRegion as CountryCode);
  if (parsed?.isValid()) return { kind: 'e164', e164: parsed.number };
  if (!candidate.startsWith('+')) {
    const international = parsePhoneNumberFromString(`+${candidate}`);
    if (international?.isValid()) return { kind: 'e164', e164: international.number };
  }
  return { kind: 'invalid', reason: 'not a valid number' };
}
