#!/usr/bin/env bash
# Idempotent setup, run before `npm run build` and `npm test`: installs what a fresh machine lacks.
# npm dependencies come from package-lock.json; system tools come from Debian (there is no other source here).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages folio drives: the browser that renders, the validators and PDF tools the tests use.
declare -A NEED=(
  [chromium]=/usr/bin/chromium
  [epubcheck]=/usr/bin/epubcheck
  [poppler-utils]=/usr/bin/pdffonts
  [fonts-noto-cjk]=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
)
missing=()
for pkg in "${!NEED[@]}"; do
  [ -e "${NEED[$pkg]}" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "folio setup: installing ${missing[*]} (Debian packages)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" default-jre-headless >/dev/null
  else
    echo "folio setup: missing system packages. Run:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# npm dependencies: reinstall when the lock file changed since the last install.
stamp=node_modules/.folio-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "folio setup: npm ci"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi

# The bundled copy of pipeline/ that starts folio faster (bin/compiled.mjs); skipped when fresh.
node scripts/compile.mjs
