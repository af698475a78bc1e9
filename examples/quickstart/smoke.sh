#!/bin/sh
# Smoke check after each release: healthy, the database answers, and the live release is the new one.
set -eu
curl -fsS "$URL/healthz" >/dev/null
curl -fsS "$URL/notes" >/dev/null
curl -fsS "$URL/version" | grep -q "\"release\":\"$RELEASE\""
echo "ok: $URL serves $RELEASE"
