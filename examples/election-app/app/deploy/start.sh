#!/bin/bash
set -euo pipefail
systemctl restart election-app   # gunicorn on port 8001
