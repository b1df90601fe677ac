#!/usr/bin/env bash
# Installs what the tests need and runs every test (this is what CI runs via .ci/run).
# Tests never need Exim itself: expectations generated with exim4 are committed under test/fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/test-deps.sh
npx --no-install tsc --noEmit
node scripts/run-tests.mjs "$@"
