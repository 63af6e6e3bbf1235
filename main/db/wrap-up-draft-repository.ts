import { limits, WrapUpDraft } from '../../shared';
import type { Db } from './migrate';
import { parseJson, type RowLog } from './row-mapping';

/** How many drafts a restart offers back, newest first: more would not fit one host message. */
export const draftListLimit = limits.listItems;

export const draftSql = {
  upsert: `INSERT INTO wrapup_drafts (call_id, body, saved_at) VALUES (?, ?, ?)
      ON CONFLICT (call_id) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at`,
  // A full scan, on purpose: the table holds only the drafts of unfiled calls (a handful).
  recent: `SELECT call_id, body FROM wrapup_drafts ORDER BY saved_at DESC LIMIT ?`,
  deleteOne: `DELETE FROM wrapup_drafts WHERE call_id = ?`,
} as const;

/** Wrap-up drafts: what the agent typed so far, one row per call, kept until filed or discarded. */
export class WrapUpDraftRepository {
  private readonly upsert;
  private readonly selectRecent;
  private readonly deleteOne;

  constructor(
    db: Db,
    private readonly log: RowLog = () => {},
  ) {
    this.upsert = db.prepare<[string, string, string]>(draftSql.upsert);
    this.selectRecent = db.prepare<[number], { call_id: string; body: string }>(draftSql.recent);
    this.deleteOne = db.prepare<[string]>(draftSql.deleteOne);
  }

  save(draft: WrapUpDraft, savedAt: string): void {
    this.upsert.run(draft.callId, JSON.stringify(draft), savedAt);
  }

  /** Drafts that still pass the schema; a damaged row stays in the file for support, unshown. */
  list(limit = draftListLimit): WrapUpDraft[] {
    const drafts: WrapUpDraft[] = [];
    for (const row of this.selectRecent.all(limit)) {
      const parsed = WrapUpDraft.safeParse(parseJson(row.body));
      if (parsed.success && parsed.data.callId === row.call_id) drafts.push(parsed.data);
      else this.log(`wrap-up draft ${row.call_id} failed its schema; kept, not shown`);
    }
    return drafts;
  }

  discard(callId: string): boolean {
    return this.deleteOne.run(callId).changes > 0;
  }
}
