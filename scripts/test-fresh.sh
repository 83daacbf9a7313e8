#!/usr/bin/env bash
# From a fresh machine to a passing test run, in one command (`npm run test:fresh`; CI runs
# it too): the system parts the tests use (Debian/Ubuntu packages; elsewhere it says what
# to install), the npm packages without Electron's binary, then `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

need="$(node scripts/check-test-system.mjs --packages)"
if [ -n "$need" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing: $need"
    $sudo apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need
  else
    # Not Debian: name what is missing and how to install it (Homebrew on macOS), then stop.
    node scripts/check-test-system.mjs
    exit 1
  fi
fi

ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci
npm test
