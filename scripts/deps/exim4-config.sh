#!/bin/sh
# Fetches Debian's exim4-config package (its configuration template is a test input) and unpacks
# it, without installing, into .cache/deps/exim4-config/. Idempotent: does nothing when the
# template is already there. Needs apt (with package lists) and network access to Debian's mirror.
set -eu
cd "$(dirname "$0")/../.."
dest=.cache/deps/exim4-config
template="$dest/etc/exim4/exim4.conf.template"
if [ -f "$template" ]; then
  echo "$template"
  exit 0
fi
mkdir -p .cache/deps
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt-get download writes into the current directory; lists may need refreshing on a fresh machine.
if ! (cd "$work" && apt-get download exim4-config >/dev/null 2>&1); then
  apt-get update >/dev/null 2>&1 || true
  (cd "$work" && apt-get download exim4-config >/dev/null)
fi
rm -rf "$dest.tmp"
mkdir -p "$dest.tmp"
dpkg -x "$work"/exim4-config_*.deb "$dest.tmp"
rm -rf "$dest"
mv "$dest.tmp" "$dest"
test -f "$template"
echo "$template"
