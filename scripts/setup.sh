#!/usr/bin/env bash
# Prepares a fresh machine of this project's kind (Debian 12, Node 20) to run and test
# Lotline: Debian packages the tests talk to, npm dependencies (the Electron binary is never
# downloaded — it cannot be here), and a running PostgreSQL for the central-server tests.
# Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v socat >/dev/null 2>&1 || need+=(socat)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# pdftotext / pdfinfo: the report tests read the generated PDFs back as a reader would.
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "setup: please install: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi

# npm dependencies: `npm ci` whenever the lock file changed since the last install.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
stamp=node_modules/.lotline-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci (better-sqlite3 builds from source: about 2 minutes)"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

# PostgreSQL for the central server's tests (the embedded PGlite needs nothing).
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "setup: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || echo "setup: could not start PostgreSQL; its tests will fail" >&2
  fi
fi
echo "setup: ready"
