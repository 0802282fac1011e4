#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and the demo, on 127.0.0.1 only.
#   bash scripts/postgres.sh start     install (Debian's postgresql) if missing, init, start
#   bash scripts/postgres.sh stop      stop it and delete its data
# Listens on PQL_PG_PORT (default 54329); role, password and database are all "pql" (the postgres
# target of profiles.example.yml reads PQL_PG_* with the same defaults). Data in PQL_PG_DATA.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PQL_PG_PORT:-54329}"
DATA="${PQL_PG_DATA:-/tmp/pql-postgres-$PORT}"
LOG="$DATA.log"

bindir() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$dir" ] && echo "$dir"
}

as_owner() {  # PostgreSQL refuses to run as root: run its programs as the postgres user then
    if [ "$(id -u)" = 0 ]; then
        su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
    else
        "$@"
    fi
}

case "${1:-}" in
    start)
        if [ -z "$(bindir)" ]; then
            echo "postgres: installing Debian's postgresql"
            if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
            "${SUDO[@]}" apt-get update -qq
            DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq postgresql > /dev/null
            # the package starts a cluster of its own on 5432; this project does not use it
            "${SUDO[@]}" service postgresql stop > /dev/null 2>&1 || true
        fi
        BIN="$(bindir)"
        if as_owner "$BIN/pg_ctl" -D "$DATA" status > /dev/null 2>&1; then
            echo "postgres: already running on 127.0.0.1:$PORT"
            exit 0
        fi
        rm -rf "$DATA"
        mkdir -p "$DATA"
        [ "$(id -u)" = 0 ] && chown postgres "$DATA"
        as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > /dev/null
        touch "$LOG"
        [ "$(id -u)" = 0 ] && chown postgres "$LOG"
        as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w \
            -o "-c listen_addresses=127.0.0.1 -p $PORT -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c timezone=UTC" \
            start > /dev/null
        "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -q -v ON_ERROR_STOP=1 \
            -c "create role pql login password 'pql' superuser" -c "create database pql owner pql"
        echo "postgres: running on 127.0.0.1:$PORT (data $DATA)"
        ;;
    stop)
        BIN="$(bindir)"
        if [ -n "$BIN" ] && [ -d "$DATA" ]; then
            as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop > /dev/null 2>&1 || true
        fi
        rm -rf "$DATA" "$LOG"
        echo "postgres: stopped"
        ;;
    *)
        echo "usage: bash scripts/postgres.sh start|stop" >&2
        exit 2
        ;;
esac
