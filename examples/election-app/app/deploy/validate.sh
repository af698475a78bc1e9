#!/bin/bash
set -euo pipefail
. /etc/election-app/app.env
for _ in $(seq 1 30); do
  curl -fsS "http://127.0.0.1:${APP_PORT}/healthz" && exit 0
  sleep 2
done
echo "the app did not answer on port ${APP_PORT} within a minute" >&2
exit 1
