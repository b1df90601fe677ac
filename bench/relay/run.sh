#!/usr/bin/env bash
# Relay benchmark (issue 4, "bench/relay"): end-to-end messages per second from Postfix's
# smtp-source through the MTA to Postfix's smtp-sink, Mailwright (`bin/mailwright -bdf`, the
# `npm run build` output) side by side with Exim 4.96 (`exim4 -bdf`) in the same run, with the
# same configuration and the same durability (both fsync the spool before answering 250).
#
# Each message is received, delivered at once by a manualroute smarthost router and the smtp
# transport to smtp-sink, and removed. The clock stops when the main log holds one `Completed`
# line per message. smtp_accept_queue_per_connection = 0 so neither MTA stops delivering
# immediately part-way through a connection.
#
# Usage: bench/relay/run.sh [MESSAGES=2000]
# Environment: EXIM=/usr/sbin/exim4, SESSIONS=20, BENCH_NO_BUILD=1 (skip npm run build).
# Not part of the test command (scripts/test.sh). Run as root.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=../lib/ports.sh
. "$here/../lib/ports.sh"
messages=${1:-2000}
sessions=${SESSIONS:-20}
exim=${EXIM:-/usr/sbin/exim4}
postfix_root="$root/.cache/deps/postfix"
smtp_source="$postfix_root/usr/sbin/smtp-source"
smtp_sink="$postfix_root/usr/sbin/smtp-sink"
export LD_LIBRARY_PATH="$postfix_root/usr/lib/postfix"

[ -x "$smtp_source" ] && [ -x "$smtp_sink" ] || { echo "smtp-source/smtp-sink missing: run scripts/deps/e2e-clients.sh" >&2; exit 1; }
[ -x "$exim" ] || { echo "Exim not found at $exim (set EXIM=)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "run as root (exim4 honours -C only for root)" >&2; exit 1; }

work=$(mktemp -d /tmp/mw-bench-relay.XXXXXX)
chmod 755 "$work"
daemon_pid=
sink_pid=
cleanup() {
  [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null || true
  [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${BENCH_NO_BUILD:-}" ]; then
  (cd "$root" && npm run build --silent >/dev/null)
fi


write_config() { # dir sinkport
  cat > "$1/bench.conf" <<CONF
primary_hostname = relay.test.example
spool_directory = $1/spool
log_file_path = $1/log/%slog
local_interfaces = 127.0.0.1
keep_environment =
rfc1413_hosts =
smtp_accept_max = 100
smtp_accept_queue_per_connection = 0
remote_max_parallel = 4
acl_smtp_rcpt = acl_rcpt
begin acl
acl_rcpt:
  accept domains = test.example
  deny message = relay not permitted
begin routers
smarthost:
  driver = manualroute
  route_list = * 127.0.0.1::$2 byname
  transport = remote_smtp
  self = send
begin transports
remote_smtp:
  driver = smtp
  hosts_avoid_tls = *
begin retry
* * F,1h,10m
CONF
}


completed() { # dir
  grep -c ' Completed$' "$1/log/mainlog" 2>/dev/null || echo 0
}

# run program -> prints "seconds completed"
run() {
  local prog=$1 dir="$work/$1" port sinkport
  mkdir -p "$dir/spool" "$dir/log"
  port=$(free_port)
  sinkport=$(free_port)
  "$smtp_sink" -u nobody "127.0.0.1:$sinkport" 100 >/dev/null 2>&1 &
  sink_pid=$!
  wait_port "$sinkport" "$sink_pid"
  write_config "$dir" "$sinkport"
  if [ "$prog" = exim ]; then
    chown -R Debian-exim:Debian-exim "$dir/spool" "$dir/log"
    "$exim" -bdf -oX "$port" -C "$dir/bench.conf" >"$dir/daemon.out" 2>&1 &
  else
    "$root/bin/mailwright" -bdf -oX "$port" -C "$dir/bench.conf" -oP "$dir/mw.pid" >"$dir/daemon.out" 2>&1 &
  fi
  daemon_pid=$!
  wait_port "$port" "$daemon_pid"
  sleep 1 # let the daemon finish starting (Mailwright loads its delivery side after listening)
  local t0 t1 n=0
  t0=$(date +%s.%N)
  "$smtp_source" -s "$sessions" -m "$messages" -l 4096 -f a@sender.example -t b@test.example \
    "127.0.0.1:$port" 2>"$dir/smtp-source.err" >/dev/null || true
  for _ in $(seq 1 6000); do
    n=$(completed "$dir")
    [ "$n" -ge "$messages" ] && break
    sleep 0.05
  done
  t1=$(date +%s.%N)
  kill -TERM "$daemon_pid"; wait "$daemon_pid" 2>/dev/null || true; daemon_pid=
  kill -TERM "$sink_pid"; wait "$sink_pid" 2>/dev/null || true; sink_pid=
  [ -s "$dir/smtp-source.err" ] && { echo "$prog: smtp-source reported:" >&2; sort "$dir/smtp-source.err" | uniq -c | head -5 >&2; }
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') $n"
}

declare -A result
for prog in mailwright exim; do
  echo "running $prog ($messages messages, $sessions sessions)..." >&2
  result[$prog]=$(run "$prog")
done

echo
echo "Relay benchmark: $messages messages of 4 KiB, smtp-source ($sessions sessions, one message per connection) -> MTA -> smtp-sink, $(nproc) CPUs, $("$exim" -bV 2>/dev/null | head -1 | cut -d' ' -f1-3)"
printf '%-10s %9s %9s %10s\n' program seconds msg/s completed
for prog in mailwright exim; do
  read -r secs n <<<"${result[$prog]}"
  rate=$(awk -v n="$n" -v s="$secs" 'BEGIN{printf "%.0f", n/s}')
  eval "rate_${prog}=$rate"
  printf '%-10s %9s %9s %10s\n' "$prog" "$secs" "$rate" "$n"
done
# shellcheck disable=SC2154
echo "Mailwright/Exim = $(awk -v a="$rate_mailwright" -v b="$rate_exim" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}')x"
