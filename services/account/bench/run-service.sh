#!/usr/bin/env bash
# Starts the built account service on the bench world (bench/world.ts setup); extra node flags go first, e.g.
#   bench/run-service.sh --cpu-prof --cpu-prof-dir=/tmp/prof      or      bench/run-service.sh --require ./bench/pg-probe.cjs
set -euo pipefail
cd "$(dirname "$0")/.."
world=${BENCH_WORLD:-/tmp/prof/world.json}
field() { node -e "process.stdout.write(String(require('$world')['$1']))"; }
export DATABASE_URL=$(field databaseUrl)
export KAFKA_BROKERS=$(node -e "process.stdout.write(require('$world').brokers.join(','))")
export KAFKA_TOPIC_PREFIX=$(field prefix)
export PORT=$(field port)
export JWT_PUBLIC_KEY=$(field publicKey)
exec node "$@" dist/main.js
