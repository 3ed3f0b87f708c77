#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1 for the storage tests.
#
#   url=$(scripts/pg_test_cluster.sh start)   # postgresql://postgres@127.0.0.1:PORT/claimgraph_test
#   scripts/pg_test_cluster.sh stop [URL]     # stops that cluster and deletes its data
#   scripts/pg_test_cluster.sh url            # URL of a running cluster
#
# Each start makes its own cluster in a new /tmp/claimgraph-pg.XXXXXX folder (or reuses
# $CLAIMGRAPH_PG_DIR when set), so concurrent runs never stop each other's server. stop
# finds the cluster by the port in URL (default $CLAIMGRAPH_TEST_PG_URL). The server
# listens on a free port with trust authentication and runs as the postgres user when
# started by root (PostgreSQL refuses to run as root). When no PostgreSQL server is
# installed and we are root, Debian's `postgresql` package is installed first. Progress
# goes to stderr; stdout is only the URL.
set -euo pipefail

DIR="${CLAIMGRAPH_PG_DIR:-}"
PREFIX=/tmp/claimgraph-pg.
DB="claimgraph_test"

log() { echo "pg_test_cluster: $*" >&2; }

find_bindir() {
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then
        echo "$newest"
    fi
}

ensure_server() {
    BINDIR=$(find_bindir)
    if [ -z "$BINDIR" ]; then
        if [ "$(id -u)" -ne 0 ]; then
            log "no PostgreSQL server found; install it (Debian: apt-get install postgresql)"
            exit 1
        fi
        log "installing Debian's postgresql package"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        BINDIR=$(find_bindir)
        [ -n "$BINDIR" ] || { log "postgresql installed but initdb not found"; exit 1; }
    fi
}

# Run a server binary as the postgres user when we are root.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

url() {
    echo "postgresql://postgres@127.0.0.1:$(cat "$DIR/port")/$DB"
}

running() {
    [ -n "$DIR" ] && [ -f "$DIR/port" ] && [ -n "${BINDIR:-}" ] \
        && as_owner "$BINDIR/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

start() {
    ensure_server
    if running; then
        url
        return
    fi
    if [ -n "$DIR" ]; then
        rm -rf "$DIR"
        mkdir -p "$DIR"
    else
        DIR=$(mktemp -d "${PREFIX}XXXXXX")
    fi
    [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
    chmod 755 "$DIR"
    as_owner "$BINDIR/initdb" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
    local port
    port=$(free_port)
    echo "$port" >"$DIR/port"
    as_owner "$BINDIR/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $DIR -c fsync=off -c full_page_writes=off" \
        >&2 || { cat "$DIR/server.log" >&2; exit 1; }
    as_owner "$BINDIR/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB"
    log "started in $DIR on port $port"
    url
}

# The folder of the cluster listening on the port of URL $1.
find_dir() {
    local port
    port=$(echo "$1" | sed -n 's#.*@[^:/]*:\([0-9][0-9]*\).*#\1#p')
    [ -n "$port" ] || return 0
    for d in "$PREFIX"*; do
        if [ -f "$d/port" ] && [ "$(cat "$d/port")" = "$port" ]; then
            echo "$d"
            return
        fi
    done
}

stop() {
    BINDIR=$(find_bindir)
    [ -n "$DIR" ] || DIR=$(find_dir "${1:-${CLAIMGRAPH_TEST_PG_URL:-}}")
    if [ -z "$DIR" ] || [ ! -d "$DIR" ]; then
        log "no cluster of this script found for ${1:-${CLAIMGRAPH_TEST_PG_URL:-(no URL)}}"
        return
    fi
    if [ -n "$BINDIR" ] && [ -d "$DIR/data" ]; then
        as_owner "$BINDIR/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$DIR"
    log "stopped"
}

first_running() {
    for d in "$PREFIX"*; do
        DIR="$d"
        if running; then
            url
            return
        fi
    done
    log "not running"
    exit 1
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    url) BINDIR=$(find_bindir); if [ -n "$DIR" ]; then running && url; else first_running; fi ;;
    *) echo "usage: $0 start|stop [URL]|url" >&2; exit 2 ;;
esac
