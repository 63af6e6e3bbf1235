import { callCategories, priorities, type CallCategory, type Disposition, type Priority } from '../../shared';
import { customerPhone, maxSeedCustomers, phoneCountOf, unknownCallerPhone } from './phone-numbers';
import { Rng } from './prng';
import type {
  ComplaintInsert,
  CustomerRows,
  FollowUpInsert,
  InteractionInsert,
} from '../../shared/fixtures/seed-rows';
import * as words from './seed-words';

/**
 * Realistic, deterministic seed data: entity n of a kind is a pure function of (seed, n, now),
 * so batches can be made in any order and a resumed seed matches a full one.
 */
export interface SeedPlan {
  seed: number;
  /** "Now" for the data (ms since epoch): history spreads over the two years before it. */
  now: number;
}

const DAY = 86_400_000;
const historyDays = 730;
const kind = { customer: 1, interaction: 2, callBlock: 3 } as const;

/** Seeded ids sort in creation order (cheap appends to the primary keys) and never meet the fixtures'. */
export const seededCustomerId = (i: number): string => `c${String(i).padStart(7, '0')}`;
export const seededInteractionId = (j: number): string => `i${String(j).padStart(9, '0')}`;
export const seededCustomerIdRange = ['c0000000', 'c9999999'] as const;
export const seededInteractionIdRange = ['i000000000', 'i999999999'] as const;

/** Whole seconds, like a PBX timestamp. */
const iso = (t: number): string => new Date(Math.floor(t / 1000) * 1000).toISOString();

function nameOf(rng: Rng): string {
  const r = rng.next();
  const n = words.names;
  if (r < 0.45) return rng.pick(n.hantSurnames) + rng.pick(n.hantGiven);
  if (r < 0.7) return rng.pick(n.hansSurnames) + rng.pick(n.hansGiven);
  if (r < 0.95) return `${rng.pick(n.englishFirst)} ${rng.pick(n.englishLast)}`;
  // Both forms, as many TW/HK customers register.
  return `${rng.pick(n.englishFirst)} ${rng.pick(n.englishLast)} ${rng.pick(n.hantSurnames)}${rng.pick(n.hantGiven)}`;
}

function productsOf(rng: Rng): string[] {
  const count = 1 + rng.int(3);
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(rng.pick(words.products));
  return [...chosen];
}

export function generateCustomer(plan: SeedPlan, i: number, rng: Rng = new Rng()): CustomerRows {
  if (!Number.isInteger(i) || i < 0 || i >= maxSeedCustomers) throw new RangeError(`customer index ${i}`);
  rng.reset(plan.seed, kind.customer, i);
  const id = seededCustomerId(i);
  const vip: 0 | 1 = rng.next() < 0.05 ? 1 : 0;
  const phones: CustomerRows['phones'] = [];
  for (let k = 0; k < phoneCountOf(plan.seed, i); k++) phones.push([customerPhone(i, k), id]);

  const complaints: ComplaintInsert[] = [];
  const c = rng.next();
  if (c < 0.06) {
    // Half of these are still open (the pop shows them), half closed (on record only).
    const status = c < 0.03 ? rng.pick(['open', 'investigating', 'escalated'] as const) : 'closed';
    const severity = rng.weighted(['low', 'medium', 'high'] as const, [3, 5, 2]);
    complaints.push([
      `cmp${i}`,
      id,
      iso(plan.now - rng.next() * 60 * DAY),
      rng.pick(words.complaintSummaries),
      severity,
      status,
    ]);
  }
  const followUps: FollowUpInsert[] = [];
  const f = rng.next();
  if (f < 0.08) {
    const done: 0 | 1 = f < 0.04 ? 0 : 1;
    // Pending ones are due from a few days ago (overdue) to two weeks ahead.
    const due = plan.now + (rng.next() * 17 - 3) * DAY;
    const method = rng.weighted(['phone', 'sms', 'email'] as const, [6, 3, 1]);
    followUps.push([
      `fu${i}`,
      id,
      iso(due),
      rng.pick(words.agents),
      method,
      rng.pick(words.followUpNotes),
      done,
    ]);
  }
  return {
    customer: [id, nameOf(rng), vip, JSON.stringify(productsOf(rng))],
    phones,
    complaints,
    followUps,
  };
}

const categoryWeights = [55, 20, 10, 15];
const priorityWeights: Record<CallCategory, number[]> = {
  inquiry: [40, 55, 5, 0],
  complaint: [5, 45, 40, 10],
  suggestion: [60, 40, 0, 0],
  urgent: [0, 5, 45, 50],
};
const dispositionsBy: Record<CallCategory, readonly Disposition[]> = {
  inquiry: ['resolved', 'information-sent', 'transferred', 'no-action-needed'],
  complaint: ['resolved', 'escalated', 'callback-scheduled', 'transferred'],
  suggestion: ['no-action-needed', 'information-sent', 'resolved'],
  urgent: ['escalated', 'transferred', 'resolved', 'callback-scheduled'],
};

/**
 * A customer's calls sit together, as the initial-sync snapshot streams them (grouped by
 * customer, ADR 0006): the cache the bench pops from is laid out as a synced one is. Calls come
 * in blocks of 50 shared by 10 customers at random cut points, so counts vary (0 to 50, 5 on
 * average) and call j's customer is still a pure function of (seed, j).
 */
const blockCalls = 50;
const blockCustomers = 10;
const cutRng = new Rng();
let cutsFor = { seed: NaN, block: -1, cuts: [] as number[] };

export function customerOfCall(seed: number, j: number): number {
  const block = Math.floor(j / blockCalls);
  if (cutsFor.seed !== seed || cutsFor.block !== block) {
    cutRng.reset(seed, kind.callBlock, block);
    const cuts = Array.from({ length: blockCustomers - 1 }, () => cutRng.int(blockCalls + 1));
    cutsFor = { seed, block, cuts: cuts.sort((a, b) => a - b) };
  }
  const pos = j % blockCalls;
  let k = 0;
  while (k < cutsFor.cuts.length && cutsFor.cuts[k]! <= pos) k++;
  return block * blockCustomers + k;
}

/** Call j: mostly from a customer (any of their numbers), some from numbers no customer holds. */
export function generateInteraction(
  plan: SeedPlan,
  j: number,
  customers: number,
  rng: Rng = new Rng(),
): InteractionInsert {
  rng.reset(plan.seed, kind.interaction, j);
  let customerId: string | null = null;
  let phone: string;
  if (customers === 0 || rng.next() < 0.03) {
    phone = unknownCallerPhone(j);
  } else {
    const i = customerOfCall(plan.seed, j) % customers;
    customerId = seededCustomerId(i);
    const count = phoneCountOf(plan.seed, i);
    phone = customerPhone(i, count > 1 && rng.next() < 0.3 ? 1 + rng.int(count - 1) : 0);
  }
  const category = rng.weighted(callCategories, categoryWeights);
  const priority: Priority = rng.weighted(priorities, priorityWeights[category]);
  return [
    seededInteractionId(j),
    customerId,
    phone,
    iso(plan.now - rng.next() * historyDays * DAY),
    rng.pick(words.agents),
    category,
    priority,
    rng.pick(dispositionsBy[category]),
    rng.pick(words.notesByCategory[category]),
  ];
}
