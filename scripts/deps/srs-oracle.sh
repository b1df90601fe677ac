#!/bin/sh
# Installs what scripts/oracle/gen-srs.mjs needs besides exim4: Debian's Mail::SRS
# (libmail-srs-perl, the classic Shevek SRS0/SRS1 implementation used as a second oracle) and
# faketime (to run exim4 -be at fixed instants, so SRS day stamps are reproducible).
# Only the oracle script uses them; the tests read the committed fixtures. Idempotent; needs
# root and Debian's package archive.
set -eu
pkgs='libmail-srs-perl faketime'
if ! dpkg -s $pkgs >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends $pkgs >/dev/null 2>&1 || {
    apt-get update >/dev/null
    apt-get install -y --no-install-recommends $pkgs >/dev/null
  }
fi
exit 0
