# Shell helpers shared by the benchmarks (sourced, not run).

# A free TCP port on 127.0.0.1.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Waits until something listens on 127.0.0.1:port, failing if process pid exits first.
wait_port() { # port pid
  for _ in $(seq 1 300); do
    kill -0 "$2" 2>/dev/null || { echo "process exited before listening on $1" >&2; return 1; }
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listening on $1" >&2
  return 1
}
