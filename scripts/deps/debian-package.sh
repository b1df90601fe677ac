#!/bin/sh
# Usage: scripts/deps/debian-package.sh PACKAGE PATH-IN-PACKAGE
# Fetches a Debian package with `apt-get download` and unpacks it (dpkg -x, no install) into
# .cache/deps/PACKAGE/, then prints the unpacked path of PATH-IN-PACKAGE. Idempotent: does nothing
# when the file is already there. Used for test inputs that Debian ships (Exim's example
# configuration, Debian's configuration template), so tests need neither Exim nor root.
set -eu
cd "$(dirname "$0")/../.."
pkg=$1
file=$2
dest=.cache/deps/$pkg
if [ -f "$dest/$file" ]; then
  echo "$dest/$file"
  exit 0
fi
mkdir -p .cache/deps
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt-get download writes into the current directory; lists may need refreshing on a fresh machine.
if ! (cd "$work" && apt-get download "$pkg" >/dev/null 2>&1); then
  apt-get update >/dev/null 2>&1 || true
  (cd "$work" && apt-get download "$pkg" >/dev/null)
fi
rm -rf "$dest.tmp"
mkdir -p "$dest.tmp"
dpkg -x "$work"/"$pkg"_*.deb "$dest.tmp"
rm -rf "$dest"
mv "$dest.tmp" "$dest"
test -f "$dest/$file"
echo "$dest/$file"
