#!/usr/bin/env bash
# Runs the demo on a fresh machine: installs what is missing, builds, starts Kamailio, the host and
# a caller simulator, and opens the desktop (Electron if installed, else prints the browser URL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/build-web.sh
exec node --import tsx tools/demo/run-demo.ts
