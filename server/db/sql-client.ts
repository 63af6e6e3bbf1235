/**
 * The one database seam: PGlite (embedded, in-process) and PostgreSQL (`pg` pool) both
 * implement it, and every query in the server is plain PostgreSQL with $n parameters.
 */
export interface Queryable {
  query<T extends object>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

/** Inside a transaction: also COPY … TO STDOUT, streamed (the initial-sync snapshot). */
export interface TxQueryable extends Queryable {
  /** `sql` is a complete `COPY (…) TO STDOUT` statement (COPY takes no $n parameters). */
  copyOut(sql: string): AsyncIterable<Uint8Array>;
}

export interface SqlClient extends Queryable {
  readonly dialect: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction (READ COMMITTED); rolls back when it throws. */
  transaction<T>(fn: (tx: TxQueryable) => Promise<T>): Promise<T>;
  /** Runs several statements (migrations). */
  exec(sql: string): Promise<void>;
  /** LISTEN: `onNotify` gets each NOTIFY payload. Returns the unlisten function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
