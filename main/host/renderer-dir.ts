import { statSync } from 'node:fs';
import { join } from 'node:path';

/** The command that builds what the browser-mode host serves (the renderer and the caller page). */
export const buildWebCommand = 'bash scripts/build-web.sh';

/** The renderer directory holds no built app: the host would serve 404s to a page that never loads. */
export class RendererNotBuiltError extends Error {
  constructor(readonly dir: string) {
    super(
      `no built renderer in ${dir} (index.html is missing): build it with \`${buildWebCommand}\` ` +
        '(or `npm run build:renderer`), then start the host again',
    );
    this.name = 'RendererNotBuiltError';
  }
}

/**
 * Refuses a renderer directory without index.html. Checked before the host starts, because a host
 * serving nothing still reports "ready" and its caller only sees a page that never renders (a
 * browser test's selector timeout, far from the cause).
 */
export function assertRendererBuilt(dir: string): void {
  let isFile = false;
  try {
    isFile = statSync(join(dir, 'index.html')).isFile();
  } catch {
    // Missing directory or file: the same answer.
  }
  if (!isFile) throw new RendererNotBuiltError(dir);
}
