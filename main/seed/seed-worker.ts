import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { migrate } from '../db/migrate';
import { seedInto } from './seed-writer';
import { SeedJob, type SeedWorkerMessage } from './seed-messages';

/**
 * Worker-thread entry (bundled as seed-worker.js beside index.js). Seeds on a connection of
 * its own: better-sqlite3 blocks its thread, and the thread serving the host API must not be it.
 */
function post(msg: SeedWorkerMessage): void {
  parentPort?.postMessage(msg);
}

const job = SeedJob.parse(workerData);
const db = new Database(job.file);
try {
  db.pragma('busy_timeout = 10000');
  db.pragma('journal_mode = WAL');
  // Seed data can be made again; durability matters for wrap-ups, which use the FULL connection.
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -262144'); // 256 MiB: index builds sort in memory
  db.pragma('temp_store = MEMORY');
  db.pragma('threads = 2'); // CREATE INDEX sorts on a helper thread too
  // Seeded rows reference only rows the same batch inserted; checking each costs a lookup per row.
  db.pragma('foreign_keys = OFF');
  migrate(db);
  const summary = seedInto(db, {
    ...job,
    onProgress: (done, total, phase) => post({ type: 'progress', done, total, phase }),
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  post({ type: 'done', ...summary });
} finally {
  db.close();
}
