import {
  decodeSnapshotRow,
  parseSnapshotMarker,
  SnapshotFormatError,
  snapshotSections,
  type SyncedEntity,
} from '../../shared';
import type { SnapshotChunk, SnapshotLoadRepository } from '../db/snapshot-load-repository';
import { ServerFailure } from './server-client';

export interface SnapshotLoadOptions {
  /** Rows per SQLite transaction: big enough to amortise commits, small enough that a wrap-up
   * filed meanwhile waits only tens of milliseconds for the write lock. */
  chunkRows?: number;
  /** After each committed chunk: rows loaded so far. */
  onProgress?: (rows: number) => void;
}

function markerOf(line: string, fail: (message: string) => never): ReturnType<typeof parseSnapshotMarker> {
  try {
    return parseSnapshotMarker(line);
  } catch (e) {
    return fail(e instanceof SnapshotFormatError ? `fails its schema: ${e.message}` : String(e));
  }
}

const emptyChunk = (): SnapshotChunk => ({ customers: [], interactions: [], complaints: [], followUps: [] });

/**
 * Reads a snapshot body (shared/server-api/snapshot.ts) into the cache: the header first
 * (only then is the old cache wiped), then the sections in their fixed order, each row
 * validated, committed in chunks; the cursor is set only once `\#done` has arrived and every
 * section's count matched. Anything else throws a 'bad-response' ServerFailure, and the cache
 * stays "snapshot loading" (cursor 0) for the next attempt to start again.
 */
export async function loadSnapshot(
  lines: AsyncIterable<string[]>,
  repo: SnapshotLoadRepository,
  opts: SnapshotLoadOptions = {},
): Promise<{ cursor: number; rows: number }> {
  const chunkRows = opts.chunkRows ?? 20_000;
  let cursor: number | null = null;
  let section: SyncedEntity | null = null;
  let next = 0; // index of the next section expected
  let inSection = 0;
  let lineNo = 0;
  let rows = 0;
  let done = false;
  let chunk = emptyChunk();
  let pending = 0;

  const flush = () => {
    if (pending === 0) return;
    rows += pending;
    repo.load(chunk, rows);
    chunk = emptyChunk();
    pending = 0;
    opts.onProgress?.(rows);
  };
  const fail = (message: string): never => {
    throw new ServerFailure('bad-response', `/v1/sync/snapshot line ${lineNo}: ${message}`.slice(0, 400));
  };

  for await (const batch of lines) {
    for (const line of batch) {
      lineNo++;
      if (done) fail('data after the end marker');
      const marker = markerOf(line, fail);
      if (marker === null) {
        if (section === null) fail('a row outside any section');
        try {
          switch (section) {
            case 'customer':
              chunk.customers.push(decodeSnapshotRow('customer', line));
              break;
            case 'interaction':
              chunk.interactions.push(decodeSnapshotRow('interaction', line));
              break;
            case 'complaint':
              chunk.complaints.push(decodeSnapshotRow('complaint', line));
              break;
            default:
              chunk.followUps.push(decodeSnapshotRow('follow-up', line));
          }
        } catch (e) {
          fail(e instanceof SnapshotFormatError ? `${section} fails its schema at ${e.message}` : String(e));
        }
        inSection++;
        if (++pending >= chunkRows) flush();
        continue;
      }
      if (marker.kind === 'snapshot') {
        if (cursor !== null || lineNo !== 1) fail('a second header');
        cursor = marker.header.cursor;
        // Only a snapshot that has started arriving replaces what the cache holds.
        repo.begin();
      } else if (cursor === null) {
        fail('no header');
      } else if (marker.kind === 'begin') {
        if (section !== null || marker.entity !== snapshotSections[next])
          fail(`section ${marker.entity} out of order`);
        section = marker.entity;
        inSection = 0;
      } else if (marker.kind === 'end') {
        if (marker.entity !== section) fail('unexpected section end');
        if (marker.rows !== inSection)
          fail(`${section}: ${inSection} rows, the server counted ${marker.rows}`);
        section = null;
        next++;
      } else {
        if (section !== null || next !== snapshotSections.length) fail('the end marker came early');
        done = true;
      }
    }
  }
  if (!done || cursor === null)
    throw new ServerFailure('bad-response', '/v1/sync/snapshot: the body is truncated (no end marker)');
  flush();
  repo.finish(cursor);
  return { cursor, rows };
}
