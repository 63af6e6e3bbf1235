import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { snapshotContentType, snapshotSections, type SnapshotHeader } from '../../shared';
import { SessionStore } from '../auth/session-store';
import { ApiFailure, RawStream } from '../http/api-failure';
import { audit, type ServerDeps } from '../http/deps';
import { registerRoute } from '../http/route';
import type { TxQueryable } from '../db/sql-client';
import { retentionDays } from './changes-routes';
import { defaultSnapshotLimits, SnapshotGate, type SnapshotLimits } from './snapshot-gate';
import { snapshotCopySql, snapshotHeadSql, snapshotScopeSql, snapshotSessionSql } from './snapshot-sql';

const newline = 0x0a;

function countLines(chunk: Uint8Array): number {
  let n = 0;
  for (let i = chunk.indexOf(newline); i !== -1; i = chunk.indexOf(newline, i + 1)) n++;
  return n;
}

/**
 * GET /v1/sync/snapshot: the team's rows as COPY text, streamed straight from PostgreSQL to
 * the seat (no per-row work in Node), inside one REPEATABLE READ transaction whose head is the
 * cursor the seat continues the feed from. Back-pressure: the next chunk is read only when
 * the socket has taken the last one; a seat that goes away rolls the transaction back.
 * Streams in flight are capped per user and per node (snapshot-gate.ts); the slot is freed
 * when its transaction ends or the seat hangs up mid-stream, whichever comes first.
 */
export function registerSnapshotRoutes(
  app: FastifyInstance,
  deps: ServerDeps,
  limits: SnapshotLimits = defaultSnapshotLimits,
): void {
  const { db, tokens } = deps;
  const sessions = new SessionStore(db, deps.clock);
  const gate = new SnapshotGate(limits);
  registerRoute(app, tokens, 'sync:snapshot', async ({ user, request }) => {
    const release = gate.acquire(user.sub);
    if (typeof release !== 'function') {
      request.log.warn({ cap: release, route: 'sync:snapshot' }, 'snapshot refused: too many streams');
      // Not awaited: a refusal answers at once, even when the database is what is slow.
      audit(db, user, 'snapshot-refused', 'session', [user.sid]).catch((e: unknown) =>
        app.log.error({ err: e }, 'could not audit a snapshot refusal'),
      );
      const which = release === 'user' ? 'this user already has' : 'this server node already has';
      throw new ApiFailure(
        429,
        'rate-limited',
        `${which} as many snapshots streaming as allowed; retry later`,
        undefined,
        { 'retry-after': String(gate.limits.retryAfterS) },
      );
    }
    // The slot stands for the pooled connection the stream's transaction holds: it is freed
    // when that transaction ends, or at once when the seat hangs up (its socket closes, or the
    // body stream is destroyed); the transaction then rolls back at its next chunk.
    const socket = request.raw.socket;
    const free = () => {
      socket.off('close', free);
      release();
    };
    socket.once('close', free);
    const days = await (async () => {
      if (!(await sessions.isLive(user.sid)))
        throw new ApiFailure(401, 'unauthorized', 'the session has ended; sign in again');
      return retentionDays(db, user.team);
    })().catch((e: unknown) => {
      free();
      throw e;
    });
    /** Rows sent so far: the one audit row of this snapshot carries it (complete or cut short). */
    let sent = 0;
    const recordRead = () =>
      audit(db, user, 'sync-snapshot', 'session', [user.sid], { rowCount: sent }).catch((e: unknown) =>
        app.log.error({ err: e }, 'could not audit a snapshot read'),
      );
    const out = new PassThrough({ highWaterMark: 1 << 20 });
    out.once('close', () => free());
    const write = async (chunk: Uint8Array | string) => {
      if (out.destroyed) throw new Error('the seat went away');
      if (!out.write(chunk)) {
        await new Promise<void>((ok) => {
          const done = () => {
            out.off('drain', done);
            out.off('close', done);
            ok();
          };
          out.on('drain', done);
          out.on('close', done);
        });
      }
    };
    const stream = async (tx: TxQueryable) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      for (const sql of snapshotSessionSql.split('; ')) await tx.query(sql);
      await tx.query(snapshotScopeSql, [user.team, days]);
      const [row] = await tx.query<{ head: number }>(snapshotHeadSql);
      const header: SnapshotHeader = { format: 1, cursor: Number(row?.head ?? 0) };
      await write(`\\#snapshot ${JSON.stringify(header)}\n`);
      for (const entity of snapshotSections) {
        await write(`\\#begin ${entity}\n`);
        let rows = 0;
        for await (const chunk of tx.copyOut(snapshotCopySql[entity])) {
          const lines = countLines(chunk);
          rows += lines;
          await write(chunk);
          sent += lines;
        }
        await write(`\\#end ${entity} ${rows}\n`);
      }
      await write('\\#done\n');
    };
    // The first bytes go out once the transaction has its snapshot; a failure after that can
    // only cut the body short, which the seat detects (no `\#done`) and retries.
    void db.transaction(stream).then(
      async () => {
        free();
        await recordRead();
        out.end();
      },
      async (e: unknown) => {
        free();
        app.log.warn({ err: e }, 'snapshot stream failed');
        await recordRead();
        out.destroy(e instanceof Error ? e : new Error(String(e)));
      },
    );
    return new RawStream(snapshotContentType, out);
  });
}
