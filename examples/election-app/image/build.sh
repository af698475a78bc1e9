#!/bin/bash
# Runs once on the image builder: everything the app needs except the app itself, which
# CodeDeploy installs per release (app/appspec.yml).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y python3-venv python3-dev libpq-dev nginx ruby-full wget
useradd --system --create-home --shell /bin/bash election
# The CodeDeploy agent, from the region's own bucket.
region=$(curl -s http://169.254.169.254/latest/meta-data/placement/region)
wget -q "https://aws-codedeploy-${region}.s3.${region}.amazonaws.com/latest/install" -O /tmp/install
chmod +x /tmp/install && /tmp/install auto
systemctl enable codedeploy-agent
