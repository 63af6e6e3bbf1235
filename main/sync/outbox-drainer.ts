import type { OutboxOwner, OutboxRepository } from '../db/outbox-repository';
import { ServerFailure, type ServerClient } from './server-client';
import type { Session } from './session';

export interface DrainOptions {
  batchRecords?: number;
  /** Keep a request well under the server's body limit. */
  batchBytes?: number;
}

/** The records a session may send: its own user's, filed against this client's server. */
export function ownerOf(client: ServerClient, session: Session): OutboxOwner {
  return { server: client.baseUrl, userId: session.user.id };
}

/**
 * Sends the session's own pending wrap-ups (ownerOf: never another account's, never an
 * unowned one) oldest first and records the server's per-record verdict. The
 * record id is the idempotency key, so a batch cut off mid-flight is simply sent again.
 * Returns how many records got a verdict; throws a ServerFailure when the server is not
 * answering (the records stay pending).
 */
export async function drainOutbox(
  outbox: OutboxRepository,
  client: ServerClient,
  session: Session,
  clock: () => Date,
  opts: DrainOptions = {},
): Promise<number> {
  const maxRecords = opts.batchRecords ?? 200;
  const maxBytes = opts.batchBytes ?? 1024 * 1024;
  let done = 0;
  for (;;) {
    const rows = outbox.pending(ownerOf(client, session), maxRecords);
    if (rows.length === 0) return done;
    const batch: typeof rows = [];
    let bytes = 2;
    for (const r of rows) {
      const size = r.payload.length * 3 + 80;
      if (batch.length > 0 && bytes + size > maxBytes) break;
      batch.push(r);
      bytes += size;
    }
    done += await sendBatch(outbox, client, session, clock, batch);
  }
}

async function sendBatch(
  outbox: OutboxRepository,
  client: ServerClient,
  session: Session,
  clock: () => Date,
  batch: readonly { id: string; payload: string }[],
): Promise<number> {
  const ids = batch.map((r) => r.id);
  const json = `[${batch.map((r) => `{"id":${JSON.stringify(r.id)},"kind":"wrap-up","payload":${r.payload}}`).join(',')}]`;
  try {
    const res = await session.withToken((t) => client.pushOutbox(t, json, ids));
    outbox.recordVerdicts(res.results, clock());
    return batch.length;
  } catch (e) {
    if (e instanceof ServerFailure && e.kind === 'refused') {
      // The server refused the request itself (400). Halve until the record it cannot take
      // is alone, then mark it rejected with the server's reason: one bad record never
      // blocks the queue, and nothing is dropped (the agent can correct and resend it).
      if (batch.length === 1) {
        outbox.recordVerdicts([{ id: ids[0] as string, status: 'rejected', reason: e.message }], clock());
        return 1;
      }
      const half = Math.ceil(batch.length / 2);
      return (
        (await sendBatch(outbox, client, session, clock, batch.slice(0, half))) +
        (await sendBatch(outbox, client, session, clock, batch.slice(half)))
      );
    }
    outbox.countAttempts(ids);
    throw e;
  }
}
