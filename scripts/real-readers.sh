#!/usr/bin/env bash
# The exports of large generated designs through the tools their users feed them to:
# Graphviz's dot (every edge kept, exit 0), PlantUML (no error picture) and, when
# mermaid-cli is there, Mermaid (every link drawn, no error). The samples, the
# hostile-name corpus and designs of 8, 30 and 50 systems run in `cargo test` for dot
# and PlantUML; this covers the sizes too slow for every CI run, and Mermaid.
#
#   scripts/real-readers.sh [SIZES...]     default: 100 (dot needs about a minute per
#                                          100-system design on 2 cores)
#
# Mermaid: set MMDC to mermaid-cli's `mmdc` (installed with
#   PUPPETEER_SKIP_DOWNLOAD=1 npm install @mermaid-js/mermaid-cli
# and Debian's chromium), and MMDC_PUPPETEER to a puppeteer config such as
#   {"executablePath": "/usr/bin/chromium", "args": ["--no-sandbox"]}
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-100}")
for tool in dot plantuml python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; exit 2; }
done
cargo build --release --quiet
bin=target/release/patchbay
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
for n in "${sizes[@]}"; do
  for seed in 1 2 3; do
    stem="$work/g$n-$seed"
    "$bin" generate --systems "$n" --seed "$seed" -o "$stem.patchbay.ron" 2>/dev/null
    "$bin" export "$stem.patchbay.ron" --to dot -o "$stem.dot"
    "$bin" export "$stem.patchbay.ron" --to plantuml -o "$stem.puml"
    links=$(grep -c ' -> ' "$stem.dot")
    if dot -Tjson0 "$stem.dot" >"$stem.json" 2>"$stem.err"; then
      edges=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1])).get("edges", [])))' "$stem.json")
    else
      edges="dot failed: $(head -c 200 "$stem.err")"
    fi
    if [ "$edges" = "$links" ]; then
      echo "dot      $n systems, seed $seed: ok ($links edges)"
    else
      echo "dot      $n systems, seed $seed: FAILED ($edges of $links edges)"; failed=1
    fi
    if [ -n "${MMDC:-}" ]; then
      "$bin" export "$stem.patchbay.ron" --to mermaid -o "$stem.mmd" 2>/dev/null || true
      if [ ! -s "$stem.mmd" ]; then
        echo "mermaid  $n systems, seed $seed: over Mermaid's limits, refused with a reason"
      elif "$MMDC" ${MMDC_PUPPETEER:+-p "$MMDC_PUPPETEER"} -i "$stem.mmd" -o "$stem.mmd.svg" >/dev/null 2>&1 \
        && ! grep -q 'Syntax error\|Maximum text size' "$stem.mmd.svg" \
        && [ "$(grep -o 'flowchart-link' "$stem.mmd.svg" | wc -l)" -ge "$links" ]; then
        echo "mermaid  $n systems, seed $seed: ok"
      else
        echo "mermaid  $n systems, seed $seed: FAILED"; failed=1
      fi
    fi
    plantuml -tsvg "$stem.puml" >/dev/null 2>&1 || true
    if [ -s "$stem.svg" ] && ! grep -q 'error has occured\|Syntax Error\|java.lang' "$stem.svg"; then
      echo "plantuml $n systems, seed $seed: ok"
    else
      echo "plantuml $n systems, seed $seed: FAILED (no picture, or an error picture)"; failed=1
    fi
  done
done
exit "$failed"
