#!/usr/bin/env bash
# Healthy when the node serves as leader or follower, i.e. the ensemble has a quorum (`srvr`, a four-letter word).
set -euo pipefail
exec 3<> /dev/tcp/127.0.0.1/2181
printf srvr >&3
timeout 3 cat <&3 | grep -Eq '^Mode: (leader|follower|standalone)'
