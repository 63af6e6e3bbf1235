import { describe, expect, it } from 'vitest';
import {
  callCategories,
  Complaint,
  Customer,
  dispositions,
  FollowUp,
  Interaction,
  normalizeNumber,
  priorities,
  screenPopHistoryLimit,
} from '../../shared';
import { fixtureRows } from '../../shared/fixtures/fixture-rows';
import { demoCustomers } from '../../shared/fixtures/demo-customers';
import { customerPhone, phoneCountOf, phoneForSlot, unknownCallerPhone } from './phone-numbers';
import { generateCustomer, generateInteraction, type SeedPlan } from './seed-generator';

const plan: SeedPlan = { seed: 11, now: Date.parse('2026-06-01T00:00:00.000Z') };
const customers = Array.from({ length: 3000 }, (_, i) => generateCustomer(plan, i));
const interactions = Array.from({ length: 10_000 }, (_, j) => generateInteraction(plan, j, customers.length));

describe('seed generator', () => {
  it('is deterministic per (seed, index) and differs between seeds', () => {
    expect(generateCustomer(plan, 1234)).toEqual(customers[1234]);
    expect(generateInteraction(plan, 777, customers.length)).toEqual(interactions[777]);
    expect(generateCustomer({ ...plan, seed: 12 }, 1234)).not.toEqual(customers[1234]);
  });

  it('makes rows that pass the shared domain schemas', () => {
    for (const c of customers.slice(0, 500)) {
      const [id, name, vip, products] = c.customer;
      const phones = c.phones.map(([e164]) => e164);
      expect(
        Customer.safeParse({ id, name, vip: vip === 1, phones, products: JSON.parse(products) }).success,
      ).toBe(true);
      for (const [cid, customerId, openedAt, summary, severity, status] of c.complaints) {
        if (status === 'closed') continue;
        expect(Complaint.parse({ id: cid, customerId, openedAt, summary, severity, status })).toBeTruthy();
      }
      for (const [fid, customerId, dueAt, owner, method, note] of c.followUps) {
        expect(FollowUp.parse({ id: fid, customerId, dueAt, owner, method, note })).toBeTruthy();
      }
    }
    for (const [
      id,
      customerId,
      phone,
      occurredAt,
      agent,
      category,
      priority,
      disposition,
      notes,
    ] of interactions) {
      const i = { id, customerId, phone, occurredAt, agent, category, priority, disposition, notes };
      expect(Interaction.safeParse(i).success).toBe(true);
    }
  });

  it('writes names in Traditional and Simplified Chinese and in English, and ~5 % VIPs', () => {
    const names = customers.map((c) => c.customer[1]);
    expect(names.some((n) => /[陳黃謝許鄭]/.test(n))).toBe(true); // Traditional-only characters
    expect(names.some((n) => /[张刘陈杨赵黄孙马]/.test(n))).toBe(true); // Simplified-only characters
    expect(names.some((n) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(n))).toBe(true);
    const vips = customers.filter((c) => c.customer[2] === 1).length / customers.length;
    expect(vips).toBeGreaterThan(0.03);
    expect(vips).toBeLessThan(0.07);
  });

  it('gives some customers several numbers, TW and mainland, landline and mobile, all valid E.164', () => {
    const phones = customers.flatMap((c) => c.phones.map(([e164]) => e164));
    expect(customers.some((c) => c.phones.length >= 2)).toBe(true);
    expect(customers.some((c) => c.phones.length === 3)).toBe(true);
    for (const prefix of ['+8869', '+8862', '+8864', '+86139', '+86186', '+8610', '+8621'])
      expect(phones.some((p) => p.startsWith(prefix))).toBe(true);
    for (const p of phones.slice(0, 2000))
      expect(normalizeNumber(p, 'TW')).toEqual({ kind: 'e164', e164: p });
  });

  it('never gives two customers (or a fixture) the same number', () => {
    const all = customers.flatMap((c) => c.phones.map(([e164]) => e164));
    const fixtures = Object.values(demoCustomers).flatMap((c) => [c.phone, ...c.otherPhones]);
    expect(new Set([...all, ...fixtures]).size).toBe(all.length + fixtures.length);
    // And by construction beyond this sample: distinct slots give distinct numbers.
    const slots = [0, 1, 2, 9_999_999, 5_000_000, 1_234_567, 3_141_592];
    expect(new Set(slots.map(phoneForSlot)).size).toBe(slots.length);
    expect(unknownCallerPhone(0)).not.toBe(customerPhone(0, 0));
    expect(phoneCountOf(11, 5)).toBe(customers[5]?.phones.length);
  });

  it('spreads calls over two years with every category, priority and disposition, some from unknown numbers', () => {
    const cats = new Set(interactions.map((r) => r[5]));
    const pris = new Set(interactions.map((r) => r[6]));
    const disp = new Set(interactions.map((r) => r[7]));
    expect([...cats].sort()).toEqual([...callCategories].sort());
    expect([...pris].sort()).toEqual([...priorities].sort());
    expect([...disp].sort()).toEqual([...dispositions].sort());
    const times = interactions.map((r) => Date.parse(r[3]));
    const day = 86_400_000;
    expect(Math.min(...times)).toBeGreaterThan(plan.now - 731 * day);
    expect(Math.min(...times)).toBeLessThan(plan.now - 700 * day);
    expect(Math.max(...times)).toBeLessThanOrEqual(plan.now);
    const unknown = interactions.filter((r) => r[1] === null).length / interactions.length;
    expect(unknown).toBeGreaterThan(0.01);
    expect(unknown).toBeLessThan(0.06);
    expect(interactions.some((r) => /[\u4e00-\u9fff]/.test(r[8]))).toBe(true);
    expect(interactions.some((r) => /^[\x20-\x7e]+$/.test(r[8]))).toBe(true);
  });

  it('calls from a customer come from one of that customer’s numbers', () => {
    for (const r of interactions.slice(0, 2000)) {
      if (r[1] === null) continue;
      const c = customers[Number(r[1].slice(1))];
      expect(c?.phones.map(([p]) => p)).toContain(r[2]);
    }
  });

  it('lays each customer’s calls out together, as the initial-sync snapshot streams them', () => {
    const known = interactions.filter((r) => r[1] !== null).map((r) => r[1]);
    // Each customer id appears in one run: once it changes, it does not come back (until the
    // customers wrap round, beyond this sample's 2,000 customers' worth of calls).
    const runs = known.filter((id, k) => k === 0 || id !== known[k - 1]);
    expect(new Set(runs).size).toBe(runs.length);
    expect(runs.length).toBeGreaterThan(1000);
    // Counts vary, as real callers' do: some customers call far more than the card shows.
    const counts = new Map<string, number>();
    for (const id of known) if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThan(screenPopHistoryLimit);
    expect(Math.min(...counts.values())).toBeLessThan(3);
  });

  it('has open complaints and pending follow-ups on some customers', () => {
    const open = customers.filter((c) => c.complaints.some((r) => r[5] !== 'closed')).length;
    const pending = customers.filter((c) => c.followUps.some((r) => r[6] === 0)).length;
    expect(open).toBeGreaterThan(30);
    expect(pending).toBeGreaterThan(30);
  });

  it('refuses indexes the phone plan cannot number', () => {
    expect(() => generateCustomer(plan, 3_000_000)).toThrow(RangeError);
    expect(() => phoneForSlot(10_000_000)).toThrow(RangeError);
  });
});

describe('fixture rows', () => {
  it('give the VIP one past call of each category, an open complaint and a pending follow-up', () => {
    const rows = fixtureRows(plan.now);
    const vip = rows.customers.find((c) => c.customer[0] === demoCustomers.vip.id);
    expect(vip?.complaints).toHaveLength(1);
    expect(vip?.followUps.filter((f) => f[6] === 0)).toHaveLength(1);
    const categories = rows.interactions.filter((r) => r[1] === demoCustomers.vip.id).map((r) => r[5]);
    expect(categories.sort()).toEqual([...callCategories].sort());
    for (const r of rows.interactions) expect(Date.parse(r[3])).toBeLessThan(plan.now);
  });
});
