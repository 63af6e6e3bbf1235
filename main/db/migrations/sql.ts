/**
 * `col = 'a' OR col = 'b' …` for an enum CHECK. Not `col IN ('a', 'b', …)`: SQLite builds an
 * ephemeral table for an IN list on every statement run, which measured ~4 µs per inserted
 * row (2.3 s of a 500k-row load); the OR chain costs a tenth of that.
 */
export function oneOf(column: string, values: readonly string[]): string {
  if (!/^\w+$/.test(column)) throw new Error(`bad column name ${column}`);
  return values.map((v) => `${column} = '${v.replace(/'/g, "''")}'`).join(' OR ');
}
