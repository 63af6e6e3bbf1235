/** Rows as the bulk loader binds them: positional, in the column order of its INSERTs. */
export type CustomerInsert = [id: string, name: string, vip: 0 | 1, products: string];
export type PhoneInsert = [e164: string, customerId: string];
export type InteractionInsert = [
  id: string,
  customerId: string | null,
  phone: string,
  occurredAt: string,
  agent: string,
  category: string,
  priority: string,
  disposition: string,
  notes: string,
];
export type ComplaintInsert = [
  id: string,
  customerId: string,
  openedAt: string,
  summary: string,
  severity: string,
  status: string,
];
export type FollowUpInsert = [
  id: string,
  customerId: string,
  dueAt: string,
  owner: string,
  method: string,
  note: string,
  done: 0 | 1,
];

/** One customer with everything that hangs off it. */
export interface CustomerRows {
  customer: CustomerInsert;
  phones: PhoneInsert[];
  complaints: ComplaintInsert[];
  followUps: FollowUpInsert[];
}

export interface SeedRows {
  customers: CustomerRows[];
  interactions: InteractionInsert[];
}
