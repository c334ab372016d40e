#!/usr/bin/env bash
# Writes the secrets docker-compose.yml reads into .env (git-ignored), once: random passwords and keys, never a
# default. A second run keeps the values already there, so a running bank's data stays readable.
# Usage: infra/docker/write-env.sh [FILE]   (default: .env beside docker-compose.yml)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FILE=${1:-$ROOT/.env}

# URL- and shell-safe: the PostgreSQL password goes into a connection URL as it is
secret() { head -c "$1" /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }

mkdir -p "$(dirname "$FILE")"
touch "$FILE"
chmod 600 "$FILE"
add() {
  if ! grep -q "^$1=" "$FILE"; then
    printf '%s=%s\n' "$1" "$2" >> "$FILE"
    echo "wrote $1 to $FILE"
  fi
}
add POSTGRES_PASSWORD "$(secret 24)"
# the first analyst's login (analyst@microbank.local), for the fraud alert stream and the dashboard
add ANALYST_PASSWORD "$(secret 18)"
# what the card network sends to /v1/card-authorizations
add CARD_NETWORK_KEY "$(secret 32)"
