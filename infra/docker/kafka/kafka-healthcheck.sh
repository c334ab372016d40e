#!/usr/bin/env bash
# Healthy when the broker answers an ApiVersions request, which it does only once its start-up is complete.
# Raw bytes over bash's /dev/tcp: a JVM-based check (kafka-broker-api-versions) costs seconds of CPU every time.
set -euo pipefail
port=${1:-29092}
exec 3<> "/dev/tcp/127.0.0.1/$port"
# size 10 | api key 18 (ApiVersions) | version 0 | correlation id 1 | null client id
printf '\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x01\xff\xff' >&3
# the answer starts: size (4 bytes) | correlation id 1 | error code 0
answer=$(timeout 3 head -c 10 <&3 | od -An -tx1 | tr -d ' \n')
[ "${answer:8:12}" = 000000010000 ]
