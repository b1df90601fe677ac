#!/usr/bin/env bash
# Receiving benchmark (issue 3, "bench/receive"): messages per second accepted to a durable spool,
# Mailwright (`bin/mailwright -bdf`, the `npm run build` output) side by side with Exim 4.96
# (`exim4 -bdf`) in the same run, equivalent configurations (queue_only, no DNS, no ident).
#
# Load: Postfix's smtp-source, 4 KiB messages, 20 sessions, in two shapes:
#   per-connection  one message per connection (smtp-source's default)
#   persistent      smtp-source -d: a session sends message after message without disconnecting
# Plus p50/p99 latency (end of DATA to 250) from latency.mjs over 20 persistent connections.
# Each shape and the latency run get a fresh daemon and spool.
#
# Usage: bench/receive/run.sh [MESSAGES=10000]
# Environment: EXIM=/usr/sbin/exim4, LATENCY_MESSAGES=500, BENCH_NO_BUILD=1 (skip npm run build).
# Not part of the test command (scripts/test.sh).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=../lib/ports.sh
. "$here/../lib/ports.sh"
messages=${1:-10000}
latency_messages=${LATENCY_MESSAGES:-500}
exim=${EXIM:-/usr/sbin/exim4}
postfix_root="$root/.cache/deps/postfix"
smtp_source="$postfix_root/usr/sbin/smtp-source"

[ -x "$smtp_source" ] || { echo "smtp-source missing: run scripts/deps/e2e-clients.sh" >&2; exit 1; }
[ -x "$exim" ] || { echo "Exim not found at $exim (set EXIM=)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "run as root (exim4 honours -C only for root)" >&2; exit 1; }

work=$(mktemp -d /tmp/mw-bench-receive.XXXXXX)
chmod 755 "$work"
daemon_pid=
poll_pid=
cleanup() {
  [ -n "$poll_pid" ] && kill "$poll_pid" 2>/dev/null || true
  [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${BENCH_NO_BUILD:-}" ]; then
  (cd "$root" && npm run build --silent >/dev/null)
fi


# The same configuration for both programs. smtp_accept_max is raised above the 20 sessions so a
# connection still closing never earns a 421; smtp_accept_max_per_connection keeps its default
# (1000), enough for 10,000 messages over 20 persistent sessions.
write_config() { # dir
  cat > "$1/bench.conf" <<CONF
primary_hostname = mail.test.example
spool_directory = $1/spool
log_file_path = $1/log/%slog
local_interfaces = 127.0.0.1
keep_environment =
queue_only = true
rfc1413_hosts =
smtp_accept_max = 100
acl_smtp_rcpt = acl_rcpt
begin acl
acl_rcpt:
  accept domains = test.example
  deny message = relay not permitted
CONF
}


start_daemon() { # program dir port
  local prog=$1 dir=$2 port=$3
  mkdir -p "$dir/spool" "$dir/log"
  write_config "$dir"
  if [ "$prog" = exim ]; then
    # Exim's reception processes run as the Exim user, so the spool and log are theirs; the
    # configuration must stay root's (Exim refuses a -C file with the wrong owner or mode).
    chown -R Debian-exim:Debian-exim "$dir/spool" "$dir/log"
    "$exim" -bdf -oX "$port" -C "$dir/bench.conf" >"$dir/daemon.out" 2>&1 &
  else
    "$root/bin/mailwright" -bdf -oX "$port" -C "$dir/bench.conf" -oP "$dir/mw.pid" >"$dir/daemon.out" 2>&1 &
  fi
  daemon_pid=$!
  wait_port "$port" "$daemon_pid"
  node "$here/rss-poll.mjs" "$daemon_pid" "$dir/rss.json" 100 &
  poll_pid=$!
}

stop_daemon() {
  kill -TERM "$poll_pid"; wait "$poll_pid" || true; poll_pid=
  kill -TERM "$daemon_pid"; wait "$daemon_pid" || true; daemon_pid=
}

spool_count() { # dir: -H files (each one accepted message), split spool included
  find "$1/spool/input" -name '*-H' 2>/dev/null | wc -l
}

json_field() { # file field
  node -e 'const j=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(j[process.argv[2]])' "$1" "$2"
}

# run_shape program shape -> prints "elapsed count rootHwm maxChildHwm peakTreeRss"
run_shape() {
  local prog=$1 shape=$2 dir="$work/$1-$2" port flags=()
  port=$(free_port)
  [ "$shape" = persistent ] && flags=(-d)
  start_daemon "$prog" "$dir" "$port"
  local t0 t1
  t0=$(date +%s.%N)
  LD_LIBRARY_PATH="$postfix_root/usr/lib/postfix" "$smtp_source" "${flags[@]}" -s 20 -m "$messages" -l 4096 \
    -f a@sender.example -t b@test.example "127.0.0.1:$port" 2>"$dir/smtp-source.err" >/dev/null || true
  t1=$(date +%s.%N)
  stop_daemon
  if [ -s "$dir/smtp-source.err" ]; then
    echo "$prog $shape: smtp-source reported:" >&2
    sort "$dir/smtp-source.err" | uniq -c | head -5 >&2
  fi
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') $(spool_count "$dir") \
$(json_field "$dir/rss.json" rootHwmKb) $(json_field "$dir/rss.json" maxChildHwmKb) $(json_field "$dir/rss.json" peakTreeRssKb)"
}

run_latency() { # program -> prints the JSON of latency.mjs
  local prog=$1 dir="$work/$1-latency" port
  port=$(free_port)
  start_daemon "$prog" "$dir" "$port"
  node "$here/latency.mjs" "$port" "$latency_messages" 20 || echo '{"p50Ms":"n/a","p99Ms":"n/a"}'
  stop_daemon
}

declare -A result lat
for shape in per-connection persistent; do
  for prog in mailwright exim; do
    echo "running $prog $shape ($messages messages)..." >&2
    result[$prog,$shape]=$(run_shape "$prog" "$shape")
  done
done
for prog in mailwright exim; do
  echo "running $prog latency ($latency_messages messages, 20 persistent connections)..." >&2
  lat[$prog]=$(run_latency "$prog")
done

mb() { awk -v k="$1" 'BEGIN{printf "%.1f", k/1024}'; }
echo
echo "Receiving benchmark: $messages messages of 4 KiB, 20 sessions, $(nproc) CPUs, $("$exim" -bV 2>/dev/null | head -1 | cut -d' ' -f1-3)"
echo "RSS: 'daemon' is the listening process's VmHWM; 'child' the largest VmHWM sampled in a forked"
echo "child (Exim forks one per connection; Mailwright forks none); 'tree' the peak sum of VmRSS."
printf '%-15s %-10s %9s %9s %8s %10s %10s %10s %9s\n' shape program seconds msg/s spooled daemonMB childMB treeMB ok
for shape in per-connection persistent; do
  for prog in mailwright exim; do
    read -r secs count hwm child tree <<<"${result[$prog,$shape]}"
    rate=$(awk -v n="$count" -v s="$secs" 'BEGIN{printf "%.0f", n/s}')
    eval "rate_${prog}=$rate"
    ok=$([ "$count" = "$messages" ] && echo yes || echo "NO($count)")
    printf '%-15s %-10s %9s %9s %8s %10s %10s %10s %9s\n' "$shape" "$prog" "$secs" "$rate" "$count" "$(mb "$hwm")" "$(mb "$child")" "$(mb "$tree")" "$ok"
  done
  # shellcheck disable=SC2154
  echo "$shape: Mailwright/Exim = $(awk -v a="$rate_mailwright" -v b="$rate_exim" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}')x"
done
for prog in mailwright exim; do
  echo "latency $prog ($latency_messages msgs, 20 persistent connections, end of DATA to 250): ${lat[$prog]}"
done
