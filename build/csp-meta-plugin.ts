import type { Plugin } from 'vite';
import { cspMetaPolicy } from '../shared/security/csp.ts';

/**
 * Puts the app's CSP into the built index.html as `<meta http-equiv>`, first in <head> so that it
 * governs every script after it: the policy holds even where no header is set. Builds only (the
 * dev server's injected scripts would break under it), and only the directives a meta tag obeys.
 */
export function cspMetaPlugin(): Plugin {
  return {
    name: 'seatdesk-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: cspMetaPolicy },
        injectTo: 'head-prepend',
      },
    ],
  };
}
