#!/usr/bin/env bash
# Builds the installers. Only here is better-sqlite3 rebuilt for Electron's ABI (an Electron-ABI
# build would not load in the plain-Node tests). Needs Electron's binary and headers from the
# internet, so it does not run on the offline build machines.
set -euo pipefail
cd "$(dirname "$0")/.."
npx electron-vite build
npx vite build --config vite.browser.config.ts
npx electron-builder install-app-deps
npx electron-builder --config electron-builder.yml "$@"
