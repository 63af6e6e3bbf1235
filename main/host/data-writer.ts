import type { Worker } from 'node:worker_threads';
import { HostHandlerError, type HostHandlers, type HostOutput } from '../../shared';
import { startWorker } from '../workers/start-worker';
import {
  FromDataWriter,
  writeMethods,
  type DataWriterData,
  type ToDataWriter,
  type WriteMethod,
} from './data-writer-protocol';

export { writeMethods, type WriteMethod } from './data-writer-protocol';

export interface DataWriter {
  /** Runs a write method's handler in the writer thread; resolves with its (unvalidated) answer. */
  call(method: WriteMethod, input: unknown, ctx: { now: Date; region: string }): Promise<unknown>;
  /** Lets the calls already sent finish, then ends the thread and its connection. */
  close(): Promise<void>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

/**
 * The host API's durable writes in their own thread (data-writer-worker.ts), so that an fsync
 * never holds up the host thread's event loop, where the ringing phone's screen-pop is answered:
 * bench:screen-pop saw a call-log write take 200-1270 ms on a busy disk while the next INVITE's
 * pop waited behind it. Calls run one at a time, in the order they were made.
 */
export function startDataWriter(opts: { dbFile: string; log: (msg: string) => void }): DataWriter {
  const worker: Worker = startWorker(import.meta.url, 'data-writer-worker', {
    dbFile: opts.dbFile,
  } satisfies DataWriterData);
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let gone: Error | null = null;
  const fail = (err: Error) => {
    gone ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (raw: unknown) => {
    const msg = FromDataWriter.safeParse(raw);
    if (!msg.success) return opts.log('data writer: dropped a message that failed its schema');
    const m = msg.data;
    if (m.type === 'log') return opts.log(m.message);
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(m.code ? new HostHandlerError(m.code, m.message) : new Error(m.message));
  });
  worker.on('error', (e) => {
    opts.log(`data writer failed: ${e.message}`);
    fail(new Error('the data writer stopped'));
  });
  worker.on('exit', () => fail(new Error('the data writer stopped')));
  const post = (msg: ToDataWriter) => worker.postMessage(msg);
  return {
    call(method, input, { now, region }) {
      if (gone) return Promise.reject(gone);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ type: 'call', id, method, input, now: now.toISOString(), region });
      });
    },
    async close() {
      if (gone) return;
      const exited = new Promise<void>((ok) => worker.once('exit', () => ok()));
      post({ type: 'stop' });
      // A writer stuck in a write beyond any fsync's time is ended; the WAL keeps what committed.
      const timer = setTimeout(() => void worker.terminate(), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The write methods' handlers, run by `writer` with the calling thread's clock and region at the
 * call. dispatchHostCall parses their input before and their answer after, as for any handler.
 */
export function writerHandlers(
  writer: DataWriter,
  ctx: () => { now: Date; region: string },
): Pick<HostHandlers, WriteMethod> {
  const via =
    <M extends WriteMethod>(method: M) =>
    (input: unknown) =>
      writer.call(method, input, ctx()) as Promise<HostOutput<M>>;
  return Object.fromEntries(writeMethods.map((m) => [m, via(m)])) as Pick<HostHandlers, WriteMethod>;
}
