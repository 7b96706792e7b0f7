#!/usr/bin/env bash
# The window's accessibility tree as a Linux screen reader gets it: Patchbay runs on
# its built-in sample under Xvfb with the AT-SPI bus up and a screen reader declared
# (none runs: Orca is not needed to read the tree), and read_tree.py reads it with
# pyatspi. Run inside `dbus-run-session`; PATCHBAY is the binary.
#
#   dbus-run-session -- bash tests/a11y/atspi.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PATCHBAY="${PATCHBAY:-$here/../../target/debug/patchbay}"
work="$(mktemp -d)"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 & pids+=($!)
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 & pids+=($!)
set_status() {
  dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
    org.freedesktop.DBus.Properties.Set string:org.a11y.Status "string:$1" variant:boolean:true \
    >/dev/null
}
for _ in $(seq 40); do set_status IsEnabled 2>/dev/null && break; sleep 0.25; done
set_status ScreenReaderEnabled

# The design the window opens with no file: the retail sample, as JSON to check by.
"$PATCHBAY" export --to json "$here/../../samples/retail.patchbay.ron" > "$work/design.json"
DISPLAY="$display" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
  "$PATCHBAY" > "$work/window.log" 2>&1 & pids+=($!)
if ! /usr/bin/python3 "$here/read_tree.py" "$work/design.json"; then
  echo "--- the window's log:"; tail -20 "$work/window.log"
  exit 1
fi
