#!/usr/bin/env bash
# Apache Superset reading the published marts, for the BI test and for a user who wants a dashboard.
#   bash scripts/superset.sh install   its own virtual environment (Superset pins hundreds of packages
#                                      that must not meet dbt's), with DuckDB 2.x and duckdb-engine
#   bash scripts/superset.sh init      its metadata database (SQLite), the admin user and the roles
#   bash scripts/superset.sh start     install and init if not done, then the web server on
#                                      127.0.0.1 only, in the background; waits until it answers
#   bash scripts/superset.sh stop
# Where: PQL_SUPERSET_DIR (default data/superset: venv, config, SQLite metadata, log, pid), port
# PQL_SUPERSET_PORT (default 8088), admin user "admin" with password PQL_SUPERSET_PASSWORD (default
# "admin": the server listens on loopback only). Connect it to the marts as README's BI section says.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${PQL_SUPERSET_DIR:-data/superset}"
PORT="${PQL_SUPERSET_PORT:-8088}"
PASSWORD="${PQL_SUPERSET_PASSWORD:-admin}"
VERSION="${PQL_SUPERSET_VERSION:-6.1.0}"
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
export SUPERSET_CONFIG_PATH="$DIR/superset_config.py"
export FLASK_APP=superset

install() {
    [ -x "$DIR/venv/bin/superset" ] && [ "$(cat "$DIR/venv/.pql-version" 2>/dev/null)" = "$VERSION" ] && {
        echo "superset: $VERSION already installed in $DIR/venv"
        return
    }
    [ -x "$DIR/venv/bin/python" ] || "$PYTHON" -m venv "$DIR/venv"
    "$DIR/venv/bin/python" -m pip install --quiet --upgrade pip
    # Superset's own requirements leave out rich and cachetools, which its CLI imports, and let
    # flask-caching 2.4 in, whose API it does not follow yet; a DuckDB 2.x file needs duckdb 2.x
    "$DIR/venv/bin/python" -m pip install --quiet "apache-superset==$VERSION" rich cachetools \
        "flask-caching<2.4" "duckdb>=2,<3" "duckdb-engine>=0.17,<0.18"
    echo "$VERSION" > "$DIR/venv/.pql-version"
    echo "superset: $VERSION installed in $DIR/venv"
}

config() {
    [ -f "$SUPERSET_CONFIG_PATH" ] && return
    cat > "$SUPERSET_CONFIG_PATH" << EOF
# written by scripts/superset.sh
SECRET_KEY = "$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(42))')"
SQLALCHEMY_DATABASE_URI = "sqlite:///$DIR/superset.db"
# SQL Lab answers in the request (no Celery workers here)
SQLLAB_ASYNC_TIME_LIMIT_SEC = 60
EOF
}

init() {
    [ -x "$DIR/venv/bin/superset" ] || install
    config
    [ -f "$DIR/.pql-init" ] && return
    local bin="$DIR/venv/bin/superset"
    if ! { "$bin" db upgrade && "$bin" fab create-admin --username admin --firstname pql --lastname admin \
        --email admin@localhost --password "$PASSWORD" && "$bin" init; } > "$DIR/init.log" 2>&1; then
        tail -n 40 "$DIR/init.log" >&2
        echo "superset: init failed (log $DIR/init.log)" >&2
        exit 1
    fi
    touch "$DIR/.pql-init"
    echo "superset: metadata in $DIR/superset.db, user admin"
}

start() {
    init
    if [ -f "$DIR/superset.pid" ] && kill -0 "$(cat "$DIR/superset.pid")" 2> /dev/null; then
        echo "superset: already running on http://127.0.0.1:$PORT"
        return
    fi
    local bin="$DIR/venv/bin/superset"
    nohup "$bin" run -h 127.0.0.1 -p "$PORT" --with-threads > "$DIR/superset.log" 2>&1 &
    echo $! > "$DIR/superset.pid"
    for _ in $(seq 1 120); do
        if "$PYTHON" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/health', timeout=2)" 2> /dev/null; then
            echo "superset: running on http://127.0.0.1:$PORT (user admin; log $DIR/superset.log)"
            return
        fi
        if ! kill -0 "$(cat "$DIR/superset.pid")" 2> /dev/null; then
            tail -n 40 "$DIR/superset.log" >&2
            echo "superset: the server exited while starting" >&2
            exit 1
        fi
        sleep 1
    done
    tail -n 40 "$DIR/superset.log" >&2
    echo "superset: no answer on 127.0.0.1:$PORT after 120 s" >&2
    exit 1
}

stop() {
    if [ -f "$DIR/superset.pid" ]; then
        local pid
        pid="$(cat "$DIR/superset.pid")"
        # the development server reloads in a child process: stop the group it leads
        pkill -TERM -P "$pid" 2> /dev/null || true
        kill "$pid" 2> /dev/null || true
        rm -f "$DIR/superset.pid"
    fi
    echo "superset: stopped"
}

case "${1:-}" in
    install) install ;;
    init) init ;;
    start) start ;;
    stop) stop ;;
    *)
        echo "usage: bash scripts/superset.sh install|init|start|stop" >&2
        exit 2
        ;;
esac
