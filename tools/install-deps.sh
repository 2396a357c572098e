#!/usr/bin/env bash
# Installs the Debian 12 packages Chokepoint needs, only those missing. Safe to re-run.
# Usage: tools/install-deps.sh [--tests]   (--tests adds what the test suite uses)
set -euo pipefail

packages=(build-essential cmake pkg-config git libtbb-dev libeigen3-dev libyaml-cpp-dev
          libhdf5-dev hdf5-tools catch2 libopenmpi-dev openmpi-bin python3 python3-h5py
          python3-numpy)
# Tests also read results the way analysts do: tools/report (matplotlib, YAML targets) shown in
# headless Chromium, and run files opened by pandas/xarray through h5netcdf; the sanitizer
# pass builds the loader's fuzzer with clang and its libFuzzer runtime.
[[ ${1:-} == --tests ]] && packages+=(clang-format python3-yaml python3-matplotlib python3-pandas
                                      python3-xarray python3-h5netcdf chromium clang
                                      libclang-rt-14-dev)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0

echo "Installing missing packages: ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "error: need root (or sudo) to install: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
