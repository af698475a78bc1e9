#!/bin/bash
set -euo pipefail
rm -rf /srv/election-app
mkdir -p /srv/election-app
