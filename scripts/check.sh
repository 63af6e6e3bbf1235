#!/usr/bin/env bash
# Static checks: format, lint (zero warnings, layering + dangerous patterns), typecheck per environment.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== format" && npx prettier --check . --log-level warn
echo "== lint" && npx eslint . --max-warnings 0
echo "== typecheck" && npm run -s typecheck
