#!/usr/bin/env bash
# Builds what the browser mode serves: the renderer and the caller simulator page.
# `build-web.sh renderer` builds the renderer alone (what the host needs; the caller page is for
# calls). scripts/test.sh builds once and sets SEATDESK_WEB_BUILT=1 so the benchmarks it runs
# afterwards do not build the same thing again.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SEATDESK_WEB_BUILT:-}" = 1 ]; then exit 0; fi
what=${1:-all}
case "$what" in
  all | renderer) ;;
  *)
    echo "usage: build-web.sh [renderer]" >&2
    exit 2
    ;;
esac
npx vite build --config vite.browser.config.ts --logLevel warn
if [ "$what" = all ]; then npx vite build --config vite.caller-sim.config.ts --logLevel warn; fi
