#!/bin/sh
# Installs the DNS servers the DNS tests run on loopback: Debian's unbound (a validating
# resolver that also serves authoritative test zones) and ldnsutils (ldns-keygen and
# ldns-signzone, to sign the DNSSEC test zone at test time). Idempotent; needs root and
# Debian's package archive, nothing else.
set -eu
if dpkg -s unbound >/dev/null 2>&1 && dpkg -s ldnsutils >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# The package lists may be absent on a fresh machine.
apt-get install -y --no-install-recommends unbound ldnsutils >/dev/null 2>&1 || {
  apt-get update >/dev/null
  apt-get install -y --no-install-recommends unbound ldnsutils >/dev/null
}
# Debian starts the unbound service on port 53 when it can; the tests run their own instances.
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now unbound >/dev/null 2>&1 || true; fi
exit 0
