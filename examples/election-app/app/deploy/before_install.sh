#!/bin/bash
# The app's directory comes from the instance's /etc/election-app/app.env (its launch template).
set -euo pipefail
. /etc/election-app/app.env
rm -rf "$APP_DIR"
mkdir -p "$APP_DIR"
