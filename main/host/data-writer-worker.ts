import { parentPort, workerData } from 'node:worker_threads';
import { HostHandlerError } from '../../shared';
import { openDatabase } from '../db/open-database';
import { createDataHandlers } from '../services/data-handlers';
import { DataWriterData, ToDataWriter, type FromDataWriter, type WriteMethod } from './data-writer-protocol';

/**
 * The data writer thread: the host API's durable writes (wrap-ups, drafts, the call log) on their
 * own connection, synchronous=FULL like the host thread's. Their fsyncs (tens to hundreds of ms
 * when the disk is busy) wait here, not in the event loop that answers the next call's pop.
 */
const port = parentPort;
if (!port) throw new Error('data-writer-worker must run in a worker thread');
const data = DataWriterData.parse(workerData);
const post = (msg: FromDataWriter) => port.postMessage(msg);

const db = openDatabase(data.dbFile);
// Each call brings the host thread's clock and region: the same answers as in-thread handlers.
let now = new Date();
let region = 'TW';
const handlers = createDataHandlers({
  db,
  clock: () => now,
  defaultRegion: () => region,
  log: (message) => post({ type: 'log', message }),
});

port.on('message', (raw: unknown) => {
  const msg = ToDataWriter.parse(raw);
  if (msg.type === 'stop') {
    db.close();
    port.close();
    return;
  }
  now = new Date(msg.now);
  region = msg.region;
  try {
    const handler = handlers[msg.method satisfies WriteMethod] as (input: unknown) => unknown;
    post({ type: 'result', id: msg.id, ok: true, value: handler(msg.input) });
  } catch (err) {
    post({
      type: 'result',
      id: msg.id,
      ok: false,
      code: err instanceof HostHandlerError ? err.code : null,
      message: err instanceof Error ? err.message : String(err),
    });
  }
});
