#!/usr/bin/env bash
# make run: serve with a token, otherwise open the console.
set -euo pipefail
cd "$(dirname "$0")/.."
DATABASE_URL=$(scripts/devdb.sh) && export DATABASE_URL
token=${TELEGRAM_BOT_TOKEN:-}
if [ -z "$token" ] && [ -f .env ]; then
  token=$(sed -n 's/^[[:space:]]*TELEGRAM_BOT_TOKEN[[:space:]]*=[[:space:]]*//p' .env | tail -1 | tr -d '"'"'"'[:space:]')
fi
if [ -n "$token" ]; then
  exec ./tkpkbot serve
fi
echo "TELEGRAM_BOT_TOKEN is not set: opening the console (try /start, /bantuan)." >&2
exec ./tkpkbot console "$@"
