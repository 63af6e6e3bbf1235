import type { Db } from '../db/open-database';
import { CallLogRepository } from '../db/call-log-repository';
import { CustomerCacheRepository } from '../db/customer-cache-repository';
import { OutboxRepository } from '../db/outbox-repository';
import { ScriptCacheRepository } from '../db/script-cache-repository';
import { WrapUpDraftRepository } from '../db/wrap-up-draft-repository';
import { WrapUpRepository } from '../db/wrap-up-repository';
import { createCacheHandlers, type CacheHandlers } from './cache-handlers';
import { createCallLogHandlers, type CallLogHandlers } from './call-log-handlers';
import { createOutboxHandlers, type OutboxHandlers } from './outbox-handlers';
import { createScriptHandlers, type ScriptHandlers } from './script-handlers';
import { createWrapUpHandlers, type WrapUpHandlers } from './wrap-up-handlers';

export type DataHandlers = CacheHandlers & WrapUpHandlers & OutboxHandlers & CallLogHandlers & ScriptHandlers;

export interface DataDeps {
  /** The connection opened by openDatabase (synchronous=FULL), on the thread serving the host API. */
  db: Db;
  clock: () => Date;
  /** Read on every call: the agent can change the region in settings at any time. */
  defaultRegion: () => string;
  /** Receives ids and reasons only, never customer data. */
  log?: (msg: string) => void;
}

/**
 * The data half of the host API, backed by the seat's SQLite database. Input arrives
 * already validated by dispatchHostCall, which also validates the output.
 */
export function createDataHandlers({ db, clock, defaultRegion, log = () => {} }: DataDeps): DataHandlers {
  const drafts = new WrapUpDraftRepository(db, log);
  const outbox = new OutboxRepository(db, log);
  const scripts = new ScriptCacheRepository(db, log);
  return {
    ...createCacheHandlers({ customers: new CustomerCacheRepository(db, log), defaultRegion }),
    ...createWrapUpHandlers({
      drafts,
      wrapUps: new WrapUpRepository(db, drafts, outbox),
      clock,
      defaultRegion,
      dispositionCodes: () => scripts.dispositionCodes(),
    }),
    ...createOutboxHandlers({ outbox }),
    ...createCallLogHandlers({ calls: new CallLogRepository(db, log), defaultRegion }),
    ...createScriptHandlers({ scripts }),
  };
}
