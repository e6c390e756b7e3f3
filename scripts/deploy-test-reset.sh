#!/bin/sh
# deploy-test-reset.sh SLUG: remove every trace of a test deployment of portal SLUG from
# this machine (services, files, database, role, nginx site, Redis instance), so the
# deployment test starts from scratch. Never run it against a real portal.
set -u
slug="${1:?usage: deploy-test-reset.sh SLUG}"
case "$slug" in
  *[!a-z0-9-]*|"") echo "refusing odd slug: $slug" >&2; exit 2 ;;
esac
db="$(echo "$slug" | tr '-' '_')"
if command -v supervisorctl >/dev/null 2>&1 && supervisorctl pid >/dev/null 2>&1; then
  for program in web worker beat redis; do
    supervisorctl stop "$slug-$program" >/dev/null 2>&1 || true
  done
  rm -f "/etc/supervisor/conf.d/$slug.conf" "/etc/supervisor/conf.d/$slug-redis.conf"
  supervisorctl reread >/dev/null 2>&1 || true
  supervisorctl update >/dev/null 2>&1 || true
fi
rm -f "/etc/nginx/sites-enabled/govlearn-$slug.conf" "/etc/nginx/sites-available/govlearn-$slug.conf"
rm -rf "/etc/nginx/tls/$slug"
if pgrep -x nginx >/dev/null 2>&1; then nginx -t >/dev/null 2>&1 && nginx -s reload; fi
if command -v psql >/dev/null 2>&1 && runuser -u postgres -- pg_isready -q 2>/dev/null; then
  for name in "$db" "${db}_restore" "${db}_restore_test"; do
    runuser -u postgres -- dropdb --if-exists --force "$name" >/dev/null 2>&1 || true
  done
  runuser -u postgres -- psql -qc "DROP ROLE IF EXISTS \"$db\"" >/dev/null 2>&1 || true
fi
rm -rf "/srv/$slug" "/var/log/govlearn/$slug" "/var/backups/govlearn/$slug" \
  "/etc/redis/$slug.conf" "/var/lib/redis/$slug" \
  "/usr/local/sbin/govlearn-backup-$slug" "/etc/cron.d/govlearn-backup-$slug"
for unit in web worker beat redis; do rm -f "/etc/systemd/system/$slug-$unit.service"; done
if id "$slug" >/dev/null 2>&1; then userdel "$slug" >/dev/null 2>&1 || true; fi
# nginx's user joined the portal's group, so userdel leaves the group behind.
if getent group "$slug" >/dev/null 2>&1; then groupdel "$slug" >/dev/null 2>&1 || true; fi
echo "reset $slug"
