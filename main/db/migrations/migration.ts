/**
 * One numbered schema step. `up` runs once, in a transaction, when the database's
 * `PRAGMA user_version` is below `version`. A shipped migration is never edited:
 * a change to the schema is a new file.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}
