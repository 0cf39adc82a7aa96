#!/usr/bin/env bash
# Stop the private ejabberd instance started by start.sh in DIR.
#
#   stop.sh DIR
#
# Asks the node to stop via ejabberdctl, waits, then kills whatever is left
# of *this* instance (beam and its children, identified by the pid file and
# by the instance's unique node name) -- never other ejabberd instances.
set -uo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 DIR" >&2; exit 2; }
DIR="$(realpath -m -- "$1")"
CFG="$DIR/etc/ejabberdctl.cfg"
[[ -f "$CFG" ]] || { echo "stop.sh: $CFG not found; nothing to stop" >&2; exit 0; }
NODE="$(sed -n 's/^ERLANG_NODE=//p' "$CFG")"
RUN_USER=ejabberd

ctl() {
  setpriv --reuid="$RUN_USER" --regid="$RUN_USER" --init-groups \
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$DIR" LANG=C.UTF-8 \
    ejabberdctl --config-dir "$DIR/etc" --config "$DIR/etc/ejabberd.yml" \
      --ctl-config "$CFG" --spool "$DIR/spool" --logs "$DIR/logs" \
      --node "$NODE" "$@"
}

# a live (not zombie) process?
alive() { [[ -r /proc/$1/stat ]] && [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]]; }

# pids of this instance's VM: from the pid file and by exact node name
instance_pids() {
  local p
  if [[ -s "$DIR/ejabberd.pid" ]]; then
    p="$(cat "$DIR/ejabberd.pid")"
    [[ "$p" =~ ^[0-9]+$ ]] && alive "$p" && echo "$p"
  fi
  # the node name contains the port, so it is unique to this instance
  pgrep -f -- "-sname $NODE( |$)" 2>/dev/null || true
}

if ctl status >/dev/null 2>&1; then
  ctl stop >/dev/null 2>&1 || true
  # wait up to 30 s for the VM to exit
  for _ in $(seq 1 60); do
    [[ -z "$(instance_pids)" ]] && break
    sleep 0.5
  done
fi

left="$(instance_pids | sort -u)"
if [[ -n "$left" ]]; then
  echo "stop.sh: killing leftover processes of $NODE: $(echo $left)"
  for p in $left; do
    # children first (erl_child_setup, port programs), then the VM
    pkill -TERM -P "$p" 2>/dev/null || true
    kill -TERM "$p" 2>/dev/null || true
  done
  sleep 2
  for p in $left; do
    pkill -KILL -P "$p" 2>/dev/null || true
    kill -KILL "$p" 2>/dev/null || true
  done
fi
rm -f "$DIR/ejabberd.pid"
echo "ejabberd-peer: $NODE stopped"
