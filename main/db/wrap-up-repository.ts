import type { WrapUp } from '../../shared';
import type { Db } from './migrate';
import type { OutboxRepository } from './outbox-repository';
import type { WrapUpDraftRepository } from './wrap-up-draft-repository';

export interface FileResult {
  duplicate: boolean;
}

export const wrapUpSql = {
  customerExists: `SELECT 1 AS one FROM customers WHERE id = ?`,
  interactionExists: `SELECT 1 AS one FROM interactions WHERE id = ?`,
  insertInteraction: `INSERT INTO interactions
      (id, customer_id, phone, occurred_at, agent, category, priority, disposition, notes)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
} as const;

/** Files wrap-ups: the interaction the next pop shows, its outbox row and the draft's end. */
export class WrapUpRepository {
  private readonly customerExists;
  private readonly interactionExists;
  private readonly insertInteraction;
  private readonly fileTx;

  constructor(
    db: Db,
    private readonly drafts: WrapUpDraftRepository,
    private readonly outbox: OutboxRepository,
  ) {
    this.customerExists = db.prepare<[string], { one: number }>(wrapUpSql.customerExists);
    this.interactionExists = db.prepare<[string], { one: number }>(wrapUpSql.interactionExists);
    this.insertInteraction = db.prepare<
      [string, string | null, string, string, string, string, string, string, string]
    >(wrapUpSql.insertInteraction);
    this.fileTx = db.transaction((w: WrapUp, now: string, phone: string): FileResult =>
      this.fileInTransaction(w, now, phone),
    );
  }

  /**
   * ONE transaction (IMMEDIATE: it takes the write lock before reading, so two submits of
   * the same id cannot both pass the duplicate check). With synchronous=FULL on this
   * connection it is on disk when this returns. Resubmitting an id changes nothing.
   * `phone` is the number the local interaction is filed under (E.164 when it parses).
   */
  file(wrapUp: WrapUp, now: Date, phone: string = wrapUp.phone): FileResult {
    return this.fileTx.immediate(wrapUp, now.toISOString(), phone);
  }

  private fileInTransaction(w: WrapUp, now: string, phone: string): FileResult {
    // The interaction check covers an outbox row the sync has since pruned (issue 3).
    if (this.outbox.has(w.id) || this.interactionExists.get(w.id)) return { duplicate: true };
    // The cache may no longer hold the customer (a later sync can remove one): the local
    // interaction then has no customer; the outbox payload keeps what the agent filed.
    const customerId = w.customerId !== null && this.customerExists.get(w.customerId) ? w.customerId : null;
    this.insertInteraction.run(
      w.id,
      customerId,
      phone,
      // Normalised to UTC so that text order is time order (the history index relies on it).
      new Date(w.startedAt).toISOString(),
      w.agent,
      w.category,
      w.priority,
      w.disposition,
      w.notes,
    );
    // The server gets the number the seat filed it under, so the history it sends back matches.
    this.outbox.addPendingWrapUp({ ...w, phone }, now);
    this.drafts.discard(w.callId);
    return { duplicate: false };
  }
}
