#!/bin/bash
set -euo pipefail
. /etc/election-app/app.env
cd "$APP_DIR"
python3 -m venv .venv
.venv/bin/pip install -r requirements.txt gunicorn
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py collectstatic --noinput
