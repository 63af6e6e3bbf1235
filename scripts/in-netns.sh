#!/usr/bin/env bash
# Runs a command in a private network namespace with only loopback up, so no test traffic can
# leave the machine (Chromium would otherwise offer its other interfaces as ICE candidates).
set -euo pipefail
if [ "${SEATDESK_NETNS:-}" = 1 ]; then exec "$@"; fi
export SEATDESK_NETNS=1
exec unshare -n bash -c 'ip link set lo up && exec "$@"' in-netns "$@"
