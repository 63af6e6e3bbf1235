import { parentPort, workerData } from 'node:worker_threads';
import { CacheSyncRepository } from '../db/cache-sync-repository';
import { CallLogRepository } from '../db/call-log-repository';
import { openDatabase } from '../db/open-database';
import { OutboxRepository } from '../db/outbox-repository';
import { RelayFetcher } from './relay-fetcher';
import { SnapshotLoadRepository } from '../db/snapshot-load-repository';
import { AgentStatePublisher } from './agent-state-publisher';
import { subscribeToChanges } from './changes-subscription';
import { ServerClient } from './server-client';
import { SyncEngine } from './sync-engine';
import { FromSyncWorker, SyncWorkerData, ToSyncWorker } from './worker-protocol';

/**
 * The sync worker thread: its own SQLite connection (WAL: the host thread's pops read while
 * pages commit here) and the whole network side of sync, so nothing here ever delays the
 * host API that the call path uses.
 */
const port = parentPort;
if (!port) throw new Error('sync-worker must run in a worker thread');
const data = SyncWorkerData.parse(workerData);
const post = (msg: FromSyncWorker) => port.postMessage(msg);
const log = (message: string) => post({ type: 'log', message });

const db = openDatabase(data.dbFile);
// Pages and verdicts are re-fetchable from the server: NORMAL is enough on this connection
// (a power cut may roll back the last pages together with their cursor, never tear them).
db.pragma('synchronous = NORMAL');
const client = new ServerClient({ baseUrl: data.serverUrl, timeoutMs: data.timeoutMs });
const engine = new SyncEngine({
  cache: new CacheSyncRepository(db),
  snapshot: new SnapshotLoadRepository(db),
  outbox: new OutboxRepository(db, log),
  callLog: new CallLogRepository(db, log),
  client,
  pageSize: data.pageSize,
  pollMs: data.pollMs,
  backoff: data.backoff,
  onStatus: (status) => post({ type: 'status', status }),
  onRotate: (pair) => post({ type: 'rotated', pair }),
  subscribe: (token, onNotice, onClose) => subscribeToChanges(data.serverUrl, token, onNotice, onClose),
  log,
});

// The agent's state goes up beside the sync, under the same session (one refresh at a time).
const agentState = new AgentStatePublisher({
  client,
  session: () => engine.currentSession,
  backoff: data.backoff,
  log,
});

// STUN/TURN for the softphone, under the same session; refreshed before the credentials expire.
const relays = new RelayFetcher({
  client,
  session: () => engine.currentSession,
  onRelays: (r) => post({ type: 'relays', relays: r }),
  log,
});

port.on('message', (raw: unknown) => {
  const msg = ToSyncWorker.safeParse(raw);
  if (!msg.success) {
    log('sync-worker: dropped a message that failed its schema');
    return;
  }
  const m = msg.data;
  if (m.type === 'session') {
    engine.setSession(m.pair, m.owner);
    agentState.sessionChanged();
    relays.sessionChanged();
  } else if (m.type === 'sign-out') {
    engine.signOut();
    agentState.sessionChanged();
    relays.sessionChanged();
  } else if (m.type === 'kick') engine.kick();
  else if (m.type === 'agent-state') agentState.publish(m.update);
  else {
    agentState.stop();
    relays.stop();
    engine.stop();
  }
});

await engine.run();
db.close();
port.close();
