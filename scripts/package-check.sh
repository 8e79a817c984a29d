#!/usr/bin/env bash
# Builds the .deb and .tar.gz with CPack, installs the .deb on this machine and
# checks the installed app: its version, its lesson list and a screenshot of
# lesson 1 written offscreen. Needs root or sudo (it installs a package).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/ci
[ -d "$build" ] || { echo "package-check: run scripts/test.sh first"; exit 1; }
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
(cd "$build" && cpack -G "DEB;TGZ" >/dev/null)
deb=$(ls "$build"/dslab_*.deb | head -n1)
echo "package-check: installing $deb"
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "./$deb" >/dev/null
/usr/bin/dslab --version
lessons=$(/usr/bin/dslab --list-lessons | wc -l)
echo "package-check: installed app lists $lessons lessons"
[ "$lessons" -ge 51 ]
shot=$(mktemp -d)/lesson1.png
QT_QPA_PLATFORM=offscreen /usr/bin/dslab --lesson logistic-regression --train-steps 30 --screenshot "$shot" --size 1280x720
[ -s "$shot" ] && echo "package-check: screenshot of the installed app: $(stat -c %s "$shot") bytes"
datasets=$(/usr/bin/dslab-cli datasets | wc -l)
echo "package-check: installed dslab-cli lists $((datasets - 1)) datasets"
[ "$datasets" -ge 15 ]
echo "package-check: passed"
