import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers/start-worker';
import { SeedWorkerMessage, type SeedJob } from './seed-messages';
import type { SeedOptions, SeedPhase, SeedSummary } from './seed-writer';

export type { SeedPhase, SeedSummary };

/** The writer's options; the worker runs the writer. */
export type SeedDatabaseOptions = SeedOptions;

/**
 * Seeds `file` (created and migrated when new) in a worker thread, so the calling thread's
 * event loop keeps serving while millions of rows go in. Resolves when the worker is done;
 * `reused` when the file already held at least the requested counts.
 */
export function seedDatabase(file: string, opts: SeedDatabaseOptions): Promise<SeedSummary> {
  const job: SeedJob = {
    file,
    customers: opts.customers,
    interactions: opts.interactions,
    seed: opts.seed,
    now: opts.now,
    batchSize: opts.batchSize,
  };
  return new Promise((resolve, reject) => {
    const worker = startSeedWorker(job);
    let summary: SeedSummary | undefined;
    worker.on('message', (raw: unknown) => {
      const msg = SeedWorkerMessage.safeParse(raw);
      if (!msg.success) return;
      if (msg.data.type === 'progress') opts.onProgress?.(msg.data.done, msg.data.total, msg.data.phase);
      else
        summary = {
          customers: msg.data.customers,
          interactions: msg.data.interactions,
          reused: msg.data.reused,
        };
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (summary) resolve(summary);
      else reject(new Error(`seed worker exited with code ${code} before finishing`));
    });
  });
}

function startSeedWorker(job: SeedJob): Worker {
  return startWorker(import.meta.url, 'seed-worker', job);
}
