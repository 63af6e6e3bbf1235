#!/usr/bin/env bash
# Installs everything the demo and the tests need, idempotently, on a fresh machine:
# Debian packages (Kamailio, Chromium, …) and the npm dependencies from the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh

# The Electron binary cannot be fetched here; its types are all the tests need.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
stamp=node_modules/.seatdesk-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "bootstrap: installing npm dependencies (npm ci)…" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
