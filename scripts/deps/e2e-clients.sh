#!/bin/sh
# Installs the real SMTP clients and proxy the end-to-end tests (test/e2e/) run against the
# daemon on loopback: Debian's swaks (with the Perl TLS modules its -tls needs, only recommended
# by the package) and haproxy. Postfix's smtp-source is unpacked (not
# installed, so no Postfix service is configured or started) by debian-package.sh into
# .cache/deps/postfix. Idempotent; needs root and Debian's package archive.
set -eu
cd "$(dirname "$0")/../.."
pkgs='swaks libnet-ssleay-perl libio-socket-ssl-perl haproxy'
if ! dpkg -s $pkgs >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends $pkgs >/dev/null 2>&1 || {
    apt-get update >/dev/null
    apt-get install -y --no-install-recommends $pkgs >/dev/null
  }
  # Debian may start the haproxy service; the tests run their own instances.
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now haproxy >/dev/null 2>&1 || true; fi
fi
scripts/deps/debian-package.sh postfix usr/sbin/smtp-source >/dev/null
exit 0
