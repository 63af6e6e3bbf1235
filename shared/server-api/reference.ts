import { z } from 'zod';
import { CallCategory } from '../domain/call-category';
import { Customer, Id, IsoTime, limits } from '../domain/customer';

export const DispositionCode = z.object({
  code: z.string().min(1).max(64),
  label: z.string().min(1).max(limits.name),
  active: z.boolean(),
});
export type DispositionCode = z.infer<typeof DispositionCode>;

/** One module of a guided script: opening → confirm → solution → closing (domain.md §3). */
export const ScriptTemplate = z.object({
  id: Id,
  name: z.string().min(1).max(limits.name),
  category: CallCategory.nullable(),
  steps: z
    .array(z.object({ title: z.string().max(limits.name), text: z.string().max(limits.note) }))
    .max(limits.listItems),
  updatedAt: IsoTime,
});
export type ScriptTemplate = z.infer<typeof ScriptTemplate>;

export const KnowledgeArticle = z.object({
  id: Id,
  title: z.string().min(1).max(limits.name),
  body: z.string().max(limits.note),
  tags: z.array(z.string().max(64)).max(limits.listItems),
  updatedAt: IsoTime,
});
export type KnowledgeArticle = z.infer<typeof KnowledgeArticle>;

export const KnowledgeQuery = z.object({ q: z.string().min(1).max(200) }).strict();
export const CustomerParams = z.object({ id: Id }).strict();
export const CustomerRecord = Customer.extend({ teamId: Id });
export type CustomerRecord = z.infer<typeof CustomerRecord>;

export const AuditEntry = z.object({
  at: IsoTime,
  userId: Id,
  seat: z.string().max(64),
  action: z.string().max(64),
  entity: z.string().max(64),
  entityId: z.string().max(64),
  /** Bulk reads: how many rows (the feed: the session's running total). */
  rowCount: z.number().int().nonnegative().nullable().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditQuery = z
  .object({ entityId: Id.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) })
  .strict();
