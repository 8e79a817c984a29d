#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages needed to build, run and test DS Interview
# Lab, skipping those already present. Uses sudo when not run as root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build file dpkg-dev
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libxkbcommon-dev
  qt6-tools-dev qt6-l10n-tools libgl1-mesa-dev
  libeigen3-dev nlohmann-json3-dev libtbb-dev
  xvfb xauth fonts-dejavu-core
)
# --tests: also what the test suite checks against (the exported scikit-learn
# scripts are run and their scores compared with the engine's).
if [ "${1:-}" = "--tests" ]; then
  packages+=(python3-sklearn python3-pandas)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are present"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
