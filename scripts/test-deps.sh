#!/usr/bin/env bash
# Installs what the integration tests use, only when it is missing: PostgreSQL, nginx, wrk, awscli v2 (Debian);
# s3rver, dynalite, the CDK and Serverless packages of the examples (npm, into .build/node). Safe to run again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

need_apt=()
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
command -v sqlite3 >/dev/null 2>&1 || need_apt+=(sqlite3)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need_apt+=(nginx)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
# The ACME client's tests run Debian's pebble (a test ACME server) on 127.0.0.1.
command -v pebble >/dev/null 2>&1 || [ -x /usr/bin/pebble ] || need_apt+=(pebble)
# 'agent install' tests check the unit with systemd-analyze verify (the package does not start systemd in a container).
command -v systemd-analyze >/dev/null 2>&1 || need_apt+=(systemd)
# The run report's browser tests drive Debian's chromium through Playwright (it cannot download its own).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
# The moto suite drives Debian's aws CLI v2 (pip's v1 may come first on PATH; the tests find v2).
dpkg -s awscli >/dev/null 2>&1 || need_apt+=(awscli)
command -v moto_server >/dev/null 2>&1 || command -v pip3 >/dev/null 2>&1 || need_apt+=(python3-pip)
# The docker kind's pin mode is tested against a real registry on 127.0.0.1 through skopeo.
command -v skopeo >/dev/null 2>&1 || need_apt+=(skopeo)
command -v docker-registry >/dev/null 2>&1 || need_apt+=(docker-registry)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${need_apt[*]} (run as root, or install them: apt-get install ${need_apt[*]})" >&2
    exit 1
  fi
  echo "installing ${need_apt[*]}…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# The s3 state backend's tests run against s3rver (S3) and dynalite (DynamoDB) on 127.0.0.1.
node_dir="$root/.build/node"
if [ ! -f "$node_dir/node_modules/s3rver/bin/s3rver.js" ] || [ ! -f "$node_dir/node_modules/dynalite/cli.js" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing: the s3 state tests need node and npm (apt-get install nodejs npm)" >&2
    exit 1
  fi
  echo "installing s3rver and dynalite into .build/node…"
  mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error s3rver@3 dynalite@4 >/dev/null
fi

# The CI pipeline generator's tests check its output with the ecosystems' own validators.
if [ ! -x "$node_dir/node_modules/.bin/action-validator" ] || [ ! -f "$node_dir/node_modules/@circleci/circleci-config-parser/dist/index.js" ]; then
  echo "installing @action-validator/cli and @circleci/circleci-config-parser into .build/node…"
  mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error @action-validator/cli@0.6.0 @circleci/circleci-config-parser@0.10.0-alpha.3 >/dev/null
fi

# The election-app example's CDK app is synthesized in a test: its pinned packages (package-lock.json), with npm ci.
cdk_dir="$node_dir/election-app-cdk"
if ! cmp -s "$root/examples/election-app/cdk/package-lock.json" "$cdk_dir/package-lock.json" || [ ! -x "$cdk_dir/node_modules/.bin/cdk" ]; then
  echo "installing the election-app CDK app's packages (npm ci) into .build/node/election-app-cdk…"
  mkdir -p "$cdk_dir"
  cp "$root/examples/election-app/cdk/package.json" "$root/examples/election-app/cdk/package-lock.json" "$cdk_dir/"
  (cd "$cdk_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

# The imaging-platform example's Serverless services are packaged in a test: the framework (v3) and its two plugins,
# pinned in the example's services/package-lock.json, with npm ci.
sls_dir="$node_dir/imaging-platform-services"
if ! cmp -s "$root/examples/imaging-platform/services/package-lock.json" "$sls_dir/package-lock.json" || [ ! -x "$sls_dir/node_modules/.bin/serverless" ]; then
  echo "installing the imaging-platform services' packages (npm ci) into .build/node/imaging-platform-services…"
  mkdir -p "$sls_dir"
  cp "$root/examples/imaging-platform/services/package.json" "$root/examples/imaging-platform/services/package-lock.json" "$sls_dir/"
  (cd "$sls_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

# 'validate' lints CloudFormation templates with cfn-lint; its tests run the real linter.
if ! command -v cfn-lint >/dev/null 2>&1; then
  if ! command -v pip >/dev/null 2>&1 && ! command -v pip3 >/dev/null 2>&1; then
    echo "pip is missing: the cfn-lint tests need it (apt-get install python3-pip), or install cfn-lint 1.51 yourself" >&2
    exit 1
  fi
  echo "installing cfn-lint 1.51…"
  "$(command -v pip || command -v pip3)" install --quiet 'cfn-lint==1.51.*' 2>/dev/null \
    || "$(command -v pip || command -v pip3)" install --quiet --break-system-packages 'cfn-lint==1.51.*'
fi

# The moto suite (tests/Stagecraft.Aws.Tests/Moto, the s3 state contract against moto) starts moto_server.
if ! command -v moto_server >/dev/null 2>&1; then
  echo "installing moto's server…"
  pip3 install --quiet 'moto[server]==5.2.1' >/dev/null 2>&1 \
    || pip3 install --quiet --break-system-packages 'moto[server]==5.2.1' >/dev/null
  command -v moto_server >/dev/null 2>&1 || { echo "moto_server is still not on PATH after pip3 install 'moto[server]'" >&2; exit 1; }
fi

