import { z } from 'zod';
import { CallCategory, Disposition, Priority } from './call-category';

/** Limits shared by every boundary: anything longer is refused, never truncated silently. */
export const limits = {
  name: 200,
  note: 10_000,
  shortText: 500,
  listItems: 50,
} as const;

const Id = z.string().min(1).max(64);
const IsoTime = z.iso.datetime({ offset: true });
const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 number such as +886223456789');

export const Customer = z.object({
  id: Id,
  name: z.string().min(1).max(limits.name),
  vip: z.boolean(),
  phones: z.array(E164).max(limits.listItems),
  products: z.array(z.string().max(limits.shortText)).max(limits.listItems),
});
export type Customer = z.infer<typeof Customer>;

export const Interaction = z.object({
  id: Id,
  customerId: Id.nullable(),
  phone: z.string().max(64),
  occurredAt: IsoTime,
  agent: z.string().max(limits.name),
  category: CallCategory,
  priority: Priority,
  disposition: Disposition,
  notes: z.string().max(limits.note),
});
export type Interaction = z.infer<typeof Interaction>;

export const complaintStatuses = ['open', 'investigating', 'escalated'] as const;
export const Complaint = z.object({
  id: Id,
  customerId: Id,
  openedAt: IsoTime,
  summary: z.string().max(limits.shortText),
  severity: z.enum(['low', 'medium', 'high']),
  status: z.enum(complaintStatuses),
});
export type Complaint = z.infer<typeof Complaint>;

export const FollowUp = z.object({
  id: Id,
  customerId: Id,
  dueAt: IsoTime,
  owner: z.string().max(limits.name),
  method: z.enum(['phone', 'sms', 'email']),
  note: z.string().max(limits.shortText),
});
export type FollowUp = z.infer<typeof FollowUp>;

export { E164, Id, IsoTime };
