#!/usr/bin/env bash
# `make demo`: generate the demo country, migrate SQLite, load demo content, serve it.
set -euo pipefail

KIT_DIR=$(cd "$(dirname "$0")/.." && pwd)
BIN="$KIT_DIR/.venv/bin"
PROFILE=${DEMO_PROFILE:-$KIT_DIR/docs/examples/island-state.yaml}
OUT=${DEMO_DIR:-$KIT_DIR/build/demo}
HOST=${DEMO_HOST:-127.0.0.1}
PORT=${DEMO_PORT:-8000}
export GOVLEARN_DEMO_PASSWORD=${GOVLEARN_DEMO_PASSWORD:-demo-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')}

"$BIN/govlearn" new "$PROFILE" -o "$OUT" --force
project=$(find "$OUT" -mindepth 2 -maxdepth 2 -name country.yaml -newer "$PROFILE" -printf '%h\n' | head -n 1)
[ -n "$project" ] || project=$(find "$OUT" -mindepth 2 -maxdepth 2 -name country.yaml -printf '%h\n' | head -n 1)
cd "$project"
export DJANGO_SETTINGS_MODULE=portal.settings.dev
# Seeding publishes many pages; per-page log lines would bury the credentials below.
export DJANGO_LOG_LEVEL=${DJANGO_LOG_LEVEL:-WARNING}
if [ -d locale ] && command -v msgfmt >/dev/null; then "$BIN/python" manage.py compilemessages -v0; fi
"$BIN/python" manage.py migrate --noinput -v0
"$BIN/python" manage.py seed_demo

cat <<MSG

  Demo portal ready: http://$HOST:$PORT/
  Editor and admin:  http://$HOST:$PORT/admin/
  Sign in as         admin / $GOVLEARN_DEMO_PASSWORD
  Learners           amina, rahul, sofia, … / $GOVLEARN_DEMO_PASSWORD
  Celery runs tasks inline (eager mode); the database is $project/db.sqlite3

MSG
DJANGO_LOG_LEVEL=INFO exec "$BIN/python" manage.py runserver "$HOST:$PORT"
