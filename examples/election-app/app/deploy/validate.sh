#!/bin/bash
set -euo pipefail
for _ in $(seq 1 30); do
  curl -fsS http://127.0.0.1:8001/healthz && exit 0
  sleep 2
done
exit 1
