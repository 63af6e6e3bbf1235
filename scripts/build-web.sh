#!/usr/bin/env bash
# Builds what the browser mode serves: the renderer and the caller simulator page.
set -euo pipefail
cd "$(dirname "$0")/.."
npx vite build --config vite.browser.config.ts --logLevel warn
npx vite build --config vite.caller-sim.config.ts --logLevel warn
