#!/usr/bin/env bash
# make run: serve with a token, otherwise open the console.
set -euo pipefail
cd "$(dirname "$0")/.."
# a value in .env counts as set, as it does for the binary
fromenv() { [ -f .env ] && sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" .env | tail -1 | tr -d '"'"'"'[:space:]'; }
token=${TELEGRAM_BOT_TOKEN:-$(fromenv TELEGRAM_BOT_TOKEN || true)}
if [ -n "$token" ]; then
  DATABASE_URL=${DATABASE_URL:-$(fromenv DATABASE_URL || true)}
  DATABASE_URL=$(DATABASE_URL=$DATABASE_URL scripts/devdb.sh) && export DATABASE_URL
  exec ./tkpkbot serve
fi
echo "TELEGRAM_BOT_TOKEN is not set: opening the console (try /start, /bantuan)." >&2
# The console finds its database itself (DATABASE_URL, .env, else
# scripts/devdb.sh), so `make run` and `./tkpkbot console` in another
# terminal always share one database.
exec ./tkpkbot console "$@"
