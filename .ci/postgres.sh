#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a loopback port in a temp folder for the tests, installing Debian's
# postgresql package when it is absent. Source it: it exports
#   RETRAINTRIGGERS_POSTGRES   an Npgsql connection string to the cluster
#   RETRAINTRIGGERS_PGCTL      a script that takes start|stop|restart for the cluster (fault tests restart the server)
# and defines postgres_stop, which stops the cluster and removes its folder.
# Locally: `source .ci/postgres.sh`, run the tests, then `postgres_stop`.

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "postgres: installing Debian's postgresql package" >&2
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }; then
    echo "postgres: could not install postgresql with apt-get" >&2
    return 1 2>/dev/null || exit 1
  fi
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi

pg_root="$(mktemp -d /tmp/retraintriggers-pg.XXXXXX)"
pg_data="$pg_root/data"
pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
# initdb refuses to run as root: run the cluster as the postgres user when we are root.
pg_as=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$pg_root"
  pg_as=(runuser -u postgres --)
fi

cat > "$pg_root/pgctl" <<CTL
#!/usr/bin/env bash
set -e
opts="-p $pg_port -k $pg_root -c listen_addresses=127.0.0.1 -c max_connections=200"
case "\$1" in
  start) ${pg_as[*]} "$pg_bin/pg_ctl" -D "$pg_data" -o "\$opts" -l "$pg_root/server.log" -w -s start ;;
  stop) ${pg_as[*]} "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w -s stop ;;
  restart) ${pg_as[*]} "$pg_bin/pg_ctl" -D "$pg_data" -o "\$opts" -l "$pg_root/server.log" -m fast -w -s restart ;;
  *) echo "usage: pgctl start|stop|restart" >&2; exit 2 ;;
esac
CTL
chmod 755 "$pg_root/pgctl"

if ! "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_data" -A trust -U retraintriggers --no-sync -E UTF8 >"$pg_root/initdb.log" 2>&1; then
  cat "$pg_root/initdb.log" >&2
  echo "postgres: initdb failed" >&2
  return 1 2>/dev/null || exit 1
fi
if ! "$pg_root/pgctl" start; then
  cat "$pg_root/server.log" >&2
  echo "postgres: the server did not start" >&2
  return 1 2>/dev/null || exit 1
fi

export RETRAINTRIGGERS_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=retraintriggers;Database=postgres"
export RETRAINTRIGGERS_PGCTL="$pg_root/pgctl"
echo "postgres: cluster on 127.0.0.1:$pg_port ($pg_root)"

postgres_stop() {
  "$pg_root/pgctl" stop >/dev/null 2>&1 || true
  rm -rf "$pg_root"
}
