#!/usr/bin/env bash
# Private PostgreSQL and Redis for the integration lane, on loopback and on their own
# ports, so they never touch a system instance (or one a test deployment configured).
#   test-services.sh start   create (once) and start both; prints the URLs to export
#   test-services.sh stop
set -euo pipefail

PG_VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
PG_CLUSTER=govlearn-test
PG_PORT=${GOVLEARN_TEST_PG_PORT:-54329}
REDIS_PORT=${GOVLEARN_TEST_REDIS_PORT:-63799}
REDIS_DIR=/var/lib/govlearn-test-redis
DB_USER=govlearn_test
DB_PASSWORD=govlearn_test

start() {
  if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$PG_CLUSTER"; then
    pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --port "$PG_PORT" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    # A throwaway test cluster: durability is not worth its fsyncs.
    conf="/etc/postgresql/$PG_VERSION/$PG_CLUSTER/conf.d/govlearn-test.conf"
    printf "listen_addresses = '127.0.0.1'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n" > "$conf"
  fi
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1 || pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
  su postgres -c "psql -q -p $PG_PORT -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'\"" | grep -q 1 \
    || su postgres -c "psql -q -p $PG_PORT -c \"CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'\""
  su postgres -c "psql -q -p $PG_PORT -tAc \"SELECT 1 FROM pg_database WHERE datname='govlearn_test'\"" | grep -q 1 \
    || su postgres -c "createdb -p $PG_PORT -O $DB_USER govlearn_test"

  mkdir -p "$REDIS_DIR"
  if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
      --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log"
    for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  echo "DATABASE_URL=postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/govlearn_test"
  echo "REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
}

stop() {
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop 2>/dev/null || true
  redis-cli -p "$REDIS_PORT" shutdown nosave 2>/dev/null || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
