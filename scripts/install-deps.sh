#!/usr/bin/env bash
# Installs exactly the Debian 12 packages Waymark needs to build, test and fuzz.
# Does nothing (and needs no network) when they are all present already.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ make pkg-config
  # grammar: ANTLR 4 tool (generates C++ at build time) and its C++ runtime
  antlr4 default-jre-headless libantlr4-runtime-dev uuid-dev
  # libraries
  libcli11-dev nlohmann-json3-dev libxxhash-dev
  # studio
  libimgui-dev libstb-dev libglfw3-dev xvfb xauth fonts-dejavu-core
  # tests and fuzzing (libFuzzer ships with clang's runtime)
  catch2 clang-14 libclang-rt-14-dev
  # the SQLite agreement test (sqlite3 CLI) and the benchmark (libsqlite3)
  sqlite3 libsqlite3-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: error: missing packages and not root; run: sudo $0" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
