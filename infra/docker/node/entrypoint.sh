#!/bin/sh
# Runs the program the image was built for from its package folder: a service's dist/main.js, or a CLI's dist/cli.js
# with the arguments given (`cli.js up`, or just the flags: `--duration 60`); any other command runs as it is.
set -eu
cd "/app/$(cat /app/.service-dir)"
if [ $# -eq 0 ] && [ -f dist/main.js ]; then
  exec node dist/main.js
fi
if [ $# -eq 0 ]; then set -- cli.js; fi
case "$1" in
  -*) exec node dist/cli.js "$@" ;;
  *.js)
    script=$1
    shift
    exec node "dist/$script" "$@"
    ;;
  *) exec "$@" ;;
esac
