#!/usr/bin/env bash
# Writes the configuration from the environment, then runs the JVM in the foreground.
#   kafka:     every KAFKA_* variable becomes a server.properties line, as in Confluent's images: KAFKA_BROKER_ID ->
#              broker.id, `__` -> `_`, `___` -> `-` (KAFKA_HEAP_OPTS and KAFKA_OPTS go to the JVM instead).
#   zookeeper: ZOO_MY_ID and ZOO_SERVERS ("server.1=zk-1:2888:3888;2181 server.2=…") as in the official image,
#              plus ZOO_TICK_TIME, ZOO_INIT_LIMIT, ZOO_SYNC_LIMIT.
set -euo pipefail
CONFIG=/opt/kafka/config

# two cores shared by six JVMs: a serial collector and few compiler threads start fastest (as `pnpm stack up`)
jvm() {
  # shellcheck disable=SC2086 # the *_OPTS variables are lists of JVM flags
  exec java $1 -XX:+UseSerialGC -XX:CICompilerCount=2 -Djava.awt.headless=true -Djava.net.preferIPv4Stack=true \
    -Dlog4j.configuration=file:/opt/kafka/log4j.properties ${KAFKA_OPTS:-} -cp '/opt/kafka/libs/*' "${@:2}"
}

require() {
  for name in "$@"; do
    if [ -z "${!name:-}" ]; then
      echo "$name must be set" >&2
      exit 64
    fi
  done
}

case "${1:-kafka}" in
  kafka)
    require KAFKA_BROKER_ID KAFKA_ZOOKEEPER_CONNECT KAFKA_ADVERTISED_LISTENERS
    : "${KAFKA_LOG_DIRS:=/var/lib/kafka/data}"
    export KAFKA_LOG_DIRS
    {
      echo '# written by kafka-entrypoint.sh from the KAFKA_* environment variables'
      while IFS='=' read -r name value; do
        case "$name" in KAFKA_HEAP_OPTS | KAFKA_OPTS | KAFKA_JVM_OPTS) continue ;; esac
        key=$(printf '%s' "${name#KAFKA_}" | tr '[:upper:]' '[:lower:]' | sed -e 's/___/-/g' -e 's/__/@/g' -e 's/_/./g' -e 's/@/_/g')
        printf '%s=%s\n' "$key" "$value"
      done < <(env | grep -E '^KAFKA_[A-Z0-9_]+=' | sort)
    } > "$CONFIG/server.properties"
    cat "$CONFIG/server.properties"
    jvm "$KAFKA_HEAP_OPTS" kafka.Kafka "$CONFIG/server.properties"
    ;;
  zookeeper)
    require ZOO_MY_ID ZOO_SERVERS
    echo "$ZOO_MY_ID" > /var/lib/zookeeper/myid
    {
      echo '# written by kafka-entrypoint.sh from the ZOO_* environment variables'
      echo "tickTime=${ZOO_TICK_TIME:-2000}"
      echo "initLimit=${ZOO_INIT_LIMIT:-10}"
      echo "syncLimit=${ZOO_SYNC_LIMIT:-5}"
      echo 'dataDir=/var/lib/zookeeper'
      echo 'clientPort=2181'
      echo 'maxClientCnxns=100'
      # health checks over the client port; the HTTP admin server would need another port
      echo '4lw.commands.whitelist=ruok,srvr,stat,mntr,conf,isro'
      echo 'admin.enableServer=false'
      echo 'autopurge.snapRetainCount=3'
      echo 'autopurge.purgeInterval=1'
      # a node's own name resolves to its container address; listen for its peers on every interface
      echo 'quorumListenOnAllIPs=true'
      tr ' ' '\n' <<< "$ZOO_SERVERS"
    } > "$CONFIG/zoo.cfg"
    cat "$CONFIG/zoo.cfg"
    jvm "$ZOO_HEAP_OPTS" org.apache.zookeeper.server.quorum.QuorumPeerMain "$CONFIG/zoo.cfg"
    ;;
  *)
    exec "$@"
    ;;
esac
