#!/usr/bin/env bash
# Sets up a fresh Debian 12 / Ubuntu 24.04 machine, builds the Release app and
# opens it on the logistic-regression lesson. Extra arguments go to dslab.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target dslab
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found; starting under a virtual X server (xvfb-run)"
  exec xvfb-run -a build/release/app/gui/dslab --lesson logistic-regression "$@"
fi
exec build/release/app/gui/dslab --lesson logistic-regression "$@"
