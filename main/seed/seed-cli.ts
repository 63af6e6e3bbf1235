import { parseArgs } from 'node:util';
import { seedDatabase } from './seed-database';

/**
 * npm run seed -- --db FILE --customers N --interactions M [--seed S]
 * Progress goes to stderr; the last stdout line is one JSON object:
 * {"customers":N,"interactions":N,"seconds":x,"reused":bool}
 */
const usage = 'usage: seed-cli --db FILE --customers N --interactions M [--seed S]';

function wholeNumber(value: string | undefined, name: string): number {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new Error(`--${name} must be a whole number\n${usage}`);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      customers: { type: 'string' },
      interactions: { type: 'string' },
      seed: { type: 'string', default: '1' },
    },
    strict: true,
  });
  if (!values.db) throw new Error(usage);
  const started = performance.now();
  let lastReport = 0;
  const result = await seedDatabase(values.db, {
    customers: wholeNumber(values.customers, 'customers'),
    interactions: wholeNumber(values.interactions, 'interactions'),
    seed: wholeNumber(values.seed, 'seed'),
    onProgress: (done, total, phase) => {
      const now = performance.now();
      if (now - lastReport < 1000 && phase !== 'indexes') return;
      lastReport = now;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      process.stderr.write(`seed: ${phase} ${pct}% (${done}/${total})\n`);
    },
  });
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  process.stdout.write(
    `${JSON.stringify({ customers: result.customers, interactions: result.interactions, seconds, reused: result.reused })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`seed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
