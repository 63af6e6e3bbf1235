import { migration001 } from './001-initial';
import { migration002 } from './002-sync';
import { migration003 } from './003-call-log';
import { migration004 } from './004-outbox-owner';
import { migration005 } from './005-guided-scripts';
import type { Migration } from './migration';

/** Numbered migrations, in order; `PRAGMA user_version` records the last one applied. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;

export type { Migration };
