import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SettingsPatch, Username } from '../../shared';
import { RendererNotBuiltError } from './renderer-dir';
import { startHost } from './start-host';

/**
 * Browser-mode host: `node --import tsx main/host/cli.ts --data-dir DIR [--port 0]
 * [--renderer-dir out/renderer] [--preset FILE]`. Prints one JSON "ready" line on stdout; logs on stderr.
 */
const Preset = z
  .object({
    settings: SettingsPatch.optional(),
    sipPassword: z.string().min(1).max(256).optional(),
    /** Sign in to the central server at start (demo, tests). */
    server: z
      .object({ url: z.url(), username: Username, password: z.string().min(1).max(256) })
      .strict()
      .optional(),
    syncTuning: z
      .object({
        pageSize: z.number().int().min(1).max(5000),
        pollMs: z.number().int().min(100),
        timeoutMs: z.number().int().min(100),
        backoff: z.object({ baseMs: z.number().int().min(1), capMs: z.number().int().min(1) }).strict(),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    'renderer-dir': { type: 'string', default: resolve(import.meta.dirname, '../../out/renderer') },
    preset: { type: 'string' },
  },
});
const log = (msg: string) => process.stderr.write(`[host] ${msg}\n`);
if (!values['data-dir']) {
  log('usage: cli.ts --data-dir DIR [--port N] [--renderer-dir DIR] [--preset FILE]');
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  log('--port must be 0..65535');
  process.exit(2);
}
const preset = values.preset ? Preset.parse(JSON.parse(readFileSync(values.preset, 'utf8'))) : undefined;
const host = await startHost({
  dataDir: values['data-dir'],
  rendererDir: values['renderer-dir'],
  port,
  log,
  syncTuning: preset?.syncTuning,
  trace: process.env.SEATDESK_HOST_TRACE === '1',
}).catch((e: unknown) => {
  // A missing build is the user's next step, not a crash: one line saying what to run.
  if (!(e instanceof RendererNotBuiltError)) throw e;
  log(`cannot start: ${e.message}`);
  process.exit(1);
});
if (preset?.settings) host.settings.update(preset.settings);
if (preset?.sipPassword) host.secrets.set(preset.sipPassword);
if (preset?.server) {
  const { url, username, password } = preset.server;
  host.settings.update({ serverUrl: url });
  // Like an agent at the sign-in screen: keep trying until the server answers.
  const signIn = async (): Promise<void> => {
    try {
      await host.sync.login(username, password);
      log(`signed in to ${url} as ${username}`);
    } catch (e) {
      log(`sign-in failed (${e instanceof Error ? e.message : 'error'}); retrying`);
      setTimeout(() => void signIn(), 2000);
    }
  };
  void signIn();
}
const stop = async () => {
  await host.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
console.log(JSON.stringify({ event: 'ready', url: host.url, port: host.port, origin: host.origin }));
