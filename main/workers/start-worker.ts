import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread from an entry next to the caller. Bundled (electron-vite emits
 * `<name>.js` beside index.js) the entry is plain JS. From source (`node --import tsx`,
 * vitest) it is TypeScript, and Node 20 does not carry the parent's module hooks into a
 * worker even though it copies execArgv: the worker registers tsx's loader itself first.
 */
export function startWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  const fromSource = callerUrl.endsWith('.ts');
  // A variable, not a literal: bundlers must not turn the worker into an asset reference.
  const entryName = fromSource ? `./${name}.ts` : `./${name}.js`;
  const entry = new URL(entryName, callerUrl);
  if (!fromSource) return new Worker(entry, { workerData });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
