#!/bin/bash
# Runs once on the image builder (the seed's golden image): system software, the user account and
# the gunicorn unit are baked in; CodeDeploy installs the app itself per release (app/appspec.yml).
# The port and the app's directory are not written here: each instance's launch template writes
# them to /etc/election-app/app.env at boot (cdk/lib/election-app-stack.ts), and the unit and the
# hooks read them from there.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y python3-venv python3-dev libpq-dev ruby-full wget curl
useradd --system --create-home --shell /bin/bash election

cat > /etc/systemd/system/election-app.service <<'UNIT'
[Unit]
Description=Election app (gunicorn)
After=network-online.target
Wants=network-online.target
ConditionPathExists=/etc/election-app/app.env

[Service]
User=election
Group=election
EnvironmentFile=/etc/election-app/app.env
WorkingDirectory=/
ExecStart=/bin/sh -c 'exec "$APP_DIR/.venv/bin/gunicorn" --chdir "$APP_DIR" --bind "0.0.0.0:$APP_PORT" --workers 3 wsgi:application'
Restart=on-failure

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable election-app

# The CodeDeploy agent, from the region's own bucket.
token=$(curl -sX PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 300")
region=$(curl -s -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/placement/region)
wget -q "https://aws-codedeploy-${region}.s3.${region}.amazonaws.com/latest/install" -O /tmp/install
chmod +x /tmp/install && /tmp/install auto
systemctl enable codedeploy-agent

# Done: stop the builder. The golden-image stage (ready_when: stopped) images it only now, with
# everything above finished and nothing running. With set -e a failed step never gets here.
shutdown -h now
