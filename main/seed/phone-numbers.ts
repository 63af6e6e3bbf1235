import { mix } from './prng';

/**
 * Seeded phone numbers, unique by construction: phone slot `p` (a non-negative integer
 * below `phoneSlots`) gets the 7-digit suffix perm(p), a bijection, behind a prefix drawn
 * from a hash of p. Different slots have different suffixes, so numbers never collide,
 * whatever the prefix. The prefixes avoid the fixtures' (+88622…, +88691…, +86138…).
 */
export const phoneSlots = 10_000_000;

/** Most customers have one number; some two or three. Slot = index × this + position. */
export const maxPhonesPerCustomer = 3;

/** Customers the generator can number (slots above are for callers no customer holds). */
export const maxSeedCustomers = 3_000_000;
const unknownCallerBase = maxSeedCustomers * maxPhonesPerCustomer;

const prefixes: readonly { prefix: string; weight: number }[] = [
  { prefix: '+88693', weight: 14 }, // TW mobile 093x
  { prefix: '+88697', weight: 12 }, // TW mobile 097x
  { prefix: '+88698', weight: 9 }, // TW mobile 098x
  { prefix: '+88627', weight: 12 }, // Taipei landline 02-27xx
  { prefix: '+88628', weight: 10 }, // Taipei landline 02-28xx
  { prefix: '+88642', weight: 8 }, // Taichung landline 04-2xxx
  { prefix: '+861391', weight: 11 }, // mainland mobile 139
  { prefix: '+861861', weight: 9 }, // mainland mobile 186
  { prefix: '+861501', weight: 7 }, // mainland mobile 150
  { prefix: '+86106', weight: 4 }, // Beijing landline 010-6xxx
  { prefix: '+86215', weight: 4 }, // Shanghai landline 021-5xxx
];
const totalWeight = prefixes.reduce((a, p) => a + p.weight, 0);

function prefixFor(slot: number): string {
  let r = mix(slot, 0x70686f6e) % totalWeight;
  for (const p of prefixes) {
    r -= p.weight;
    if (r < 0) return p.prefix;
  }
  return '+88693';
}

/** 7919 is prime and coprime to 10^7, so this is a bijection on [0, 10^7). */
function perm(slot: number): number {
  return (slot * 7919 + 1_234_567) % phoneSlots;
}

export function phoneForSlot(slot: number): string {
  if (!Number.isInteger(slot) || slot < 0 || slot >= phoneSlots) throw new RangeError(`phone slot ${slot}`);
  return prefixFor(slot) + String(perm(slot)).padStart(7, '0');
}

/** How many numbers customer `i` has (1–3), a pure function of (seed, i). */
export function phoneCountOf(seed: number, customer: number): number {
  const r = mix(seed, customer, 0x6e) % 100;
  return r < 78 ? 1 : r < 96 ? 2 : 3;
}

export function customerPhone(customer: number, position: number): string {
  return phoneForSlot(customer * maxPhonesPerCustomer + position);
}

/** A number no seeded customer holds: calls from new or unregistered callers. */
export function unknownCallerPhone(n: number): string {
  return phoneForSlot(unknownCallerBase + (n % (phoneSlots - unknownCallerBase)));
}
