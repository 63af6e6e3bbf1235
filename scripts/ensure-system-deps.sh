#!/usr/bin/env bash
# Installs the Debian packages the bench, the demo and the tests need, only when missing.
set -euo pipefail
packages=(kamailio kamailio-websocket-modules kamailio-tls-modules sip-tester rtpengine-daemon baresip coturn chromium iproute2 util-linux fonts-noto-cjk postgresql)
need=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "ensure-system-deps: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
