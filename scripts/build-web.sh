#!/usr/bin/env bash
# Builds Patchbay for the browser into dist/: index.html, patchbay_bg.wasm and its
# JavaScript glue, nothing fetched from another site. Serve the folder with any static
# file server, e.g. `python3 -m http.server -d dist`, and open http://localhost:8000.
#
# It needs the wasm32-unknown-unknown target (added here with rustup) and
# wasm-bindgen-cli at exactly the version of wasm-bindgen in Cargo.lock (installed here
# with cargo into target/web-tools when it is missing or another version).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-dist}
# The `web` profile (Cargo.toml): release, stripped, with link-time optimisation.
profile=${PATCHBAY_WEB_PROFILE:-web}

rustup target add wasm32-unknown-unknown >/dev/null

# The wasm-bindgen version the code was built against, from Cargo.lock.
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
tools=target/web-tools
bindgen=$tools/bin/wasm-bindgen
if ! [ -x "$bindgen" ] || [ "$("$bindgen" --version | awk '{print $2}')" != "$version" ]; then
    echo "Installing wasm-bindgen-cli $version into $tools"
    # Not --locked: its lock file names a webpki-roots release some registry mirrors
    # lack; the version of wasm-bindgen-cli itself is exact.
    cargo install wasm-bindgen-cli --version "=$version" --root "$tools"
fi

cargo build --profile "$profile" --target wasm32-unknown-unknown --bin patchbay
wasm=target/wasm32-unknown-unknown/$profile/patchbay.wasm

rm -rf "$out"
mkdir -p "$out"
"$bindgen" --target web --no-typescript --out-dir "$out" --out-name patchbay "$wasm"
cp web/index.html "$out/index.html"

raw=$(stat -c %s "$out/patchbay_bg.wasm")
packed=$(gzip -9 -c "$out/patchbay_bg.wasm" | wc -c)
echo "Built $out/: patchbay_bg.wasm is $((raw / 1024)) KiB, $((packed / 1024)) KiB gzipped."
echo "Serve it with: python3 -m http.server -d $out"
