#!/usr/bin/env bash
# Sets up a fresh Debian 12 / Ubuntu 24.04 machine, builds with warnings as
# errors and runs every test headless (Qt offscreen platform).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci --output-on-failure -j2
