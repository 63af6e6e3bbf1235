#!/usr/bin/env bash
# Runs every test: static checks, unit tests, integration and end-to-end tests against real
# Kamailio, Chromium and SQLite (inside a private network namespace with only loopback), and each
# benchmark once at a tiny size so it keeps working. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/check.sh
echo "== build (Electron main + preload + renderer; browser renderer; caller simulator)"
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npx electron-vite build --logLevel warn
bash scripts/build-web.sh
# A sandboxed preload can load no module but 'electron': everything else must be bundled in.
if grep -o 'require("[^"]*")' out/preload/index.cjs | grep -v '^require("electron")$'; then
  echo "out/preload/index.cjs requires modules a sandboxed preload cannot load" >&2
  exit 1
fi

results=$(mktemp -d)
status=0
run_vitest() {
  local project=$1
  shift
  echo "== tests: $project"
  "$@" npx vitest run --project "$project" --reporter=default --reporter=json \
    --outputFile.json="$results/$project.json" || status=1
}
run_vitest unit
run_vitest integration bash scripts/in-netns.sh
run_vitest e2e bash scripts/in-netns.sh

echo "== benchmarks (tiny size, to keep them working)"
# Each bench:* script builds the pages it serves; here they were built above, from this tree.
export SEATDESK_WEB_BUILT=1
SEATDESK_BENCH_SIZE=tiny npm run -s bench:screen-pop || status=1
SEATDESK_BENCH_SIZE=tiny npm run -s bench:sync || status=1
SEATDESK_BENCH_SIZE=tiny npm run -s bench:calls || status=1

# One plain closing line for whoever reads the log.
node -e '
  const fs = require("fs"); let p = 0, f = 0;
  for (const file of fs.readdirSync(process.argv[1])) {
    const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + file, "utf8"));
    p += r.numPassedTests; f += r.numFailedTests + (r.numRuntimeErrors || 0);
  }
  console.log(`tests: ${p} passed, ${f} failed`);
' "$results"
exit $status
