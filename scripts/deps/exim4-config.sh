#!/bin/sh
# Fetches Debian's exim4-config package (its configuration template is a test input) into
# .cache/deps/exim4-config/ and prints the template's path. Idempotent.
exec "$(dirname "$0")/debian-package.sh" exim4-config etc/exim4/exim4.conf.template
