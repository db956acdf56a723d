#!/usr/bin/env bash
# Installs what sparksim needs beyond the Swift toolchain: GNU GSL (libgsl-dev), the
# event-log codec libraries (zlib, zstd, lz4, snappy, xxhash, lzf: their -dev packages)
# and pkg-config, through apt-get, with sudo when not root. Does nothing when present.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "error: the Swift toolchain (6.1 or newer) is not on PATH; install it from swift.org first" >&2
  exit 1
fi

missing=()
[ -f /usr/include/gsl/gsl_rng.h ] || missing+=(libgsl-dev)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
[ -f /usr/include/zstd.h ] || missing+=(libzstd-dev)
[ -f /usr/include/lz4frame.h ] || missing+=(liblz4-dev)
[ -f /usr/include/snappy-c.h ] || missing+=(libsnappy-dev)
[ -f /usr/include/xxhash.h ] || missing+=(libxxhash-dev)
[ -f /usr/include/liblzf/lzf.h ] || missing+=(liblzf-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi
