#!/usr/bin/env bash
# Installs everything the tests need beyond npm packages: Debian packages for the real servers
# the tests start on loopback, and Debian-shipped files used as test inputs. Idempotent: each
# step checks first and does nothing when already satisfied.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps/dns-servers.sh
scripts/deps/exim4-config.sh >/dev/null
scripts/deps/debian-package.sh exim4-base usr/share/doc/exim4-base/examples/example.conf >/dev/null
scripts/deps/e2e-clients.sh
