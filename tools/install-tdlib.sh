#!/usr/bin/env bash
# Installs TDLib's JSON library (libtdjson, from the npm package prebuilt-tdlib) into tools/tdlib/
# and prints the path of libtdjson.so. Idempotent: a present library of the pinned version is kept.
# The account adapter finds the library there by itself; TDJSON_PATH=<printed path> overrides it.
set -euo pipefail

PREBUILT_TDLIB_VERSION="${PREBUILT_TDLIB_VERSION:-0.1008065.0}"   # TDLib 1.8.65
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/tools/tdlib"
LIB="$DEST/node_modules/@prebuilt-tdlib/linux-x64-glibc/libtdjson.so"
STAMP="$DEST/.installed-version"

if [[ -f "$LIB" && -f "$STAMP" && "$(cat "$STAMP")" == "$PREBUILT_TDLIB_VERSION" ]]; then
  echo "$LIB"
  exit 0
fi

command -v npm >/dev/null 2>&1 || { echo "install-tdlib: npm is required (install Node.js)" >&2; exit 1; }

mkdir -p "$DEST"
if [[ ! -f "$DEST/package.json" ]]; then
  printf '{\n  "name": "cluster-tdlib",\n  "private": true,\n  "description": "TDLib native library for the account adapter"\n}\n' > "$DEST/package.json"
fi

# Only the linux-x64-glibc optional dependency matters here; npm picks the right one for the machine.
npm install --prefix "$DEST" --no-audit --no-fund --loglevel=error --save-exact \
  "prebuilt-tdlib@$PREBUILT_TDLIB_VERSION" >&2

if [[ ! -f "$LIB" ]]; then
  echo "install-tdlib: $LIB is missing after npm install (is this linux-x64 with glibc?)" >&2
  exit 1
fi
echo "$PREBUILT_TDLIB_VERSION" > "$STAMP"
echo "$LIB"
