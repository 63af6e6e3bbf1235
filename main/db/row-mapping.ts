import { z } from 'zod';
import { CallLogEntry, Complaint, Customer, FollowUp, Interaction, limits } from '../../shared';

/**
 * The one seam where rows become domain models. Every row is parsed by its shared schema
 * (JSON columns included): a damaged row is dropped and logged, never passed on.
 */
const Products = z.array(z.string().max(limits.shortText)).max(limits.listItems);

export interface CustomerRow {
  id: string;
  name: string;
  vip: number;
  products: string;
}
export interface InteractionRow {
  id: string;
  customer_id: string | null;
  phone: string;
  occurred_at: string;
  agent: string;
  category: string;
  priority: string;
  disposition: string;
  notes: string;
}
export interface ComplaintRow {
  id: string;
  customer_id: string;
  opened_at: string;
  summary: string;
  severity: string;
  status: string;
}
export interface FollowUpRow {
  id: string;
  customer_id: string;
  due_at: string;
  owner: string;
  method: string;
  note: string;
}

export type RowLog = (msg: string) => void;

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function checked<T>(schema: z.ZodType<T>, what: string, id: string, value: unknown, log: RowLog): T | null {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  // Ids only: row contents are customer data and stay out of logs.
  log(
    `${what} ${id} failed its schema (${r.error.issues.map((i) => i.path.join('.')).join(', ')}); not shown`,
  );
  return null;
}

export function toCustomer(row: CustomerRow, phones: string[], log: RowLog): Customer | null {
  const products = Products.safeParse(parseJson(row.products));
  if (!products.success) log(`customer ${row.id}: products column is not a list of names; shown as none`);
  const value = {
    id: row.id,
    name: row.name,
    vip: row.vip === 1,
    phones,
    products: products.success ? products.data : [],
  };
  return checked(Customer, 'customer', row.id, value, log);
}

export function toInteraction(row: InteractionRow, log: RowLog): Interaction | null {
  const value = {
    id: row.id,
    customerId: row.customer_id,
    phone: row.phone,
    occurredAt: row.occurred_at,
    agent: row.agent,
    category: row.category,
    priority: row.priority,
    disposition: row.disposition,
    notes: row.notes,
  };
  return checked(Interaction, 'interaction', row.id, value, log);
}

export function toComplaint(row: ComplaintRow, log: RowLog): Complaint | null {
  const value = {
    id: row.id,
    customerId: row.customer_id,
    openedAt: row.opened_at,
    summary: row.summary,
    severity: row.severity,
    status: row.status,
  };
  return checked(Complaint, 'complaint', row.id, value, log);
}

export function toFollowUp(row: FollowUpRow, log: RowLog): FollowUp | null {
  const value = {
    id: row.id,
    customerId: row.customer_id,
    dueAt: row.due_at,
    owner: row.owner,
    method: row.method,
    note: row.note,
  };
  return checked(FollowUp, 'follow-up', row.id, value, log);
}

export interface CallLogRow {
  call_id: string;
  direction: string;
  number: string;
  display_name: string;
  customer_id: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string;
  outcome: string;
  duration_s: number;
}

export function toCallLogEntry(row: CallLogRow, log: RowLog): CallLogEntry | null {
  const value = {
    callId: row.call_id,
    direction: row.direction,
    number: row.number,
    displayName: row.display_name,
    customerId: row.customer_id,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    durationSeconds: row.duration_s,
  };
  return checked(CallLogEntry, 'call', row.call_id, value, log);
}

/** Maps rows, keeping the valid ones. */
export function mapValid<R, T>(rows: readonly R[], map: (row: R, log: RowLog) => T | null, log: RowLog): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const v = map(row, log);
    if (v !== null) out.push(v);
  }
  return out;
}
