#!/usr/bin/env bash
# `make serve-prod`: BoardHub with production settings on this machine, as the live site runs
# it: gunicorn (site/deploy/gunicorn.conf.py) on 127.0.0.1, PostgreSQL, Redis as the cache,
# whitenoise for static files, and the django-tasks worker that sends emails. Ctrl-C stops both.
#
# Every setting can be changed from the environment; these are the defaults:
#   PORT=8080
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/boardhub_prod   (created if missing)
#   REDIS_URL=redis://127.0.0.1:6379/1
#   BOARDHUB_BASE_URL=https://127.0.0.1   (the address in emails and the open data)
#   SECRET_KEY      made once and kept in var/serve-prod/secret_key (git ignores var/)
#   MFA_ENCRYPTION_KEYS   made once and kept in var/serve-prod/mfa_encryption_key
#   EMAIL_BACKEND   without EMAIL_HOST, emails are written to var/serve-prod/emails/, not sent
#
# The site is production: plain HTTP is redirected to HTTPS, as nginx would do in front of it.
# Without nginx, say the request came over HTTPS, as nginx would:
#   curl -H 'X-Forwarded-Proto: https' http://127.0.0.1:8080/
# /health/live/ and /health/ready/ answer over plain HTTP.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
PY=.venv/bin/python
STATE_DIR=var/serve-prod
mkdir -p "$STATE_DIR"

export PORT="${PORT:-8080}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/boardhub_prod}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/1}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
# https on port 443, as production insists (links in emails are not meant to work here).
export BOARDHUB_BASE_URL="${BOARDHUB_BASE_URL:-https://127.0.0.1}"
export GUNICORN_BIND="127.0.0.1:${PORT}"
export DJANGO_SETTINGS_MODULE=boardhub.settings.production
export PYTHONUNBUFFERED=1

if [ -z "${SECRET_KEY:-}" ]; then
    if [ ! -s "$STATE_DIR/secret_key" ]; then
        (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(64))' >"$STATE_DIR/secret_key")
    fi
    SECRET_KEY="$(cat "$STATE_DIR/secret_key")"
    export SECRET_KEY
fi

# Two-factor secrets are encrypted with this key. The demo below is loaded with it too, so the
# officers' authenticators it makes can be read by the production settings.
if [ -z "${MFA_ENCRYPTION_KEYS:-}" ]; then
    if [ ! -s "$STATE_DIR/mfa_encryption_key" ]; then
        (umask 077 && "$PY" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())' >"$STATE_DIR/mfa_encryption_key")
    fi
    MFA_ENCRYPTION_KEYS="$(cat "$STATE_DIR/mfa_encryption_key")"
    export MFA_ENCRYPTION_KEYS
fi

if [ -z "${EMAIL_HOST:-}" ] && [ -z "${EMAIL_BACKEND:-}" ]; then
    export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
    export EMAIL_FILE_PATH="$PWD/$STATE_DIR/emails"
fi

# The database named in DATABASE_URL, made if it is not there yet.
read -r DB_HOST DB_PORT DB_USER DB_NAME < <("$PY" -c '
import os, dj_database_url
db = dj_database_url.parse(os.environ["DATABASE_URL"])
print(db["HOST"] or "127.0.0.1", db["PORT"] or 5432, db["USER"] or "postgres", db["NAME"])
')
if ! psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAX \
    -c "SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'" | grep -q 1; then
    echo "serve-prod: creating the database ${DB_NAME}"
    createdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" "$DB_NAME"
fi

if ! "$PY" -c 'import os, redis; redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=1).ping()' 2>/dev/null; then
    echo "serve-prod: Redis is not answering at ${REDIS_URL}: pages will be served without a cache."
fi

"$PY" manage.py migrate --no-input -v 0
# The demo site is not part of production: its app (boardhub.demo) is installed by the
# development settings only, and it refuses any other settings (its accounts' passwords are
# printed for anyone to read). So it is loaded with development settings into the same database
# and media folder, and only when that database is still empty; the email it sends goes to this
# terminal. Never point this script at a database the public can reach.
DJANGO_SETTINGS_MODULE=boardhub.settings.dev "$PY" manage.py load_demo_site --if-empty
# The Wagtail Site's address (the open data's links) from BOARDHUB_BASE_URL, as on a server.
"$PY" manage.py set_site_address -v 0
"$PY" manage.py collectstatic --no-input -v 0

# Each process runs in a session of its own, so Ctrl-C reaches only this script, which then
# asks each to stop once (SIGTERM): gunicorn finishes the requests in flight and the worker
# finishes the email it is sending. A second signal would cut them short.
pids=()
stop() {
    trap - INT TERM EXIT
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    wait
}
trap stop INT TERM EXIT

setsid "$PY" -m gunicorn -c site/deploy/gunicorn.conf.py &
pids+=($!)
setsid "$PY" manage.py db_worker &
pids+=($!)

echo "serve-prod: BoardHub on http://127.0.0.1:${PORT}/ (production settings); Ctrl-C stops it."
# When either process stops, stop the other too.
wait -n
