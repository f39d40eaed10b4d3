#!/usr/bin/env bash
# Reader search against Pagefind on the same synthetic archive, side by side:
# index size (bytes, files), index build time and peak memory, and the largest per-query download
# over sampled phrases (plus each side's count for a few phrases, against a scan of the content).
#
#   Benchmarks/search.sh [ARTICLES] [WORK_DIR]      # defaults: 10000, /tmp/sitegen-search-bench
#
# Needs: release sitegen (built here if missing), python3, hugo (apt), pagefind[extended] (pip),
# chromium (apt) for Pagefind's per-query download. Takes a few minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
ARTICLES=${1:-10000}
WORK=${2:-/tmp/sitegen-search-bench}
BENCH=${BENCH_DIR:-/work/shared/bench}
SITEGEN=$REPO/.build/release/sitegen
mkdir -p "$WORK"

[ -x "$SITEGEN" ] || swift build -c release --static-swift-stdlib --product sitegen
command -v hugo >/dev/null || { apt-get update -q && apt-get install -y -q hugo; }
python3 -c 'import pagefind' 2>/dev/null || pip install -q 'pagefind[extended]'
if [ ! -f "$WORK/Content/.done-$ARTICLES" ]; then
  rm -rf "$WORK/Content"
  python3 "$BENCH/gen_corpus.py" --articles "$ARTICLES" --out "$WORK/Content" >/dev/null
  touch "$WORK/Content/.done-$ARTICLES"
fi

echo "== sitegen build (release, --clean; the index is written with the pages)"
"$SITEGEN" build --content "$WORK/Content" --templates "$REPO/Templates" --output "$WORK/Public" --clean --timings \
  | tee "$WORK/sitegen.log"
echo "== sitegen search-index alone (load Content + write search/), timed"
/usr/bin/time -f '%e %U %S %M' -o "$WORK/sitegen.time" \
  "$SITEGEN" search-index --content "$WORK/Content" --output "$WORK/IndexOnly"
read -r SG_S SG_U SG_SYS SG_KB < "$WORK/sitegen.time"
SG_CPU=$(python3 -c "print(round($SG_U + $SG_SYS, 2))")
cmp -s "$WORK/IndexOnly/search/manifest.json" "$WORK/Public/search/manifest.json" || echo "warning: search-index and build differ"

echo "== Hugo twin + Pagefind"
if [ ! -f "$WORK/hugo-out/.done-$ARTICLES" ]; then
  rm -rf "$WORK/twin" "$WORK/hugo-out"
  bash "$BENCH/hugo_twin.sh" "$WORK/Content" "$WORK/twin" >/dev/null
  hugo --quiet --source "$WORK/twin" --destination "$WORK/hugo-out"
  touch "$WORK/hugo-out/.done-$ARTICLES"
fi
rm -rf "$WORK/hugo-out/pagefind"
/usr/bin/time -f '%e %U %S %M' -o "$WORK/pagefind.time" python3 -m pagefind --site "$WORK/hugo-out" >"$WORK/pagefind.log" 2>&1
read -r PF_S PF_U PF_SYS PF_KB < "$WORK/pagefind.time"
PF_CPU=$(python3 -c "print(round($PF_U + $PF_SYS, 2))")

echo "== per-query downloads"
python3 "$REPO/Benchmarks/search_queries.py" --content "$WORK/Content" --sitegen "$SITEGEN" \
  --site "$WORK/Public" --pagefind-site "$WORK/hugo-out" --work "$WORK" > "$WORK/queries.txt"
cat "$WORK/queries.txt"

SG_BYTES=$(find "$WORK/Public/search" -type f ! -name index.html -printf '%s\n' | awk '{s+=$1} END {print s}')
SG_FILES=$(find "$WORK/Public/search" -type f ! -name index.html | wc -l)
PF_BYTES=$(find "$WORK/hugo-out/pagefind" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
PF_FILES=$(find "$WORK/hugo-out/pagefind" -type f | wc -l)
SG_WORST=$(awk '/^worst sitegen first page \(/ {print $NF; exit}' "$WORK/queries.txt")
SG_WORST_ALL=$(awk '/^worst sitegen full count/ {print $NF; exit}' "$WORK/queries.txt")
PF_WORST=$(awk '/^worst pagefind/ {print $NF; exit}' "$WORK/queries.txt")

echo
echo "== $ARTICLES articles: sitegen search vs Pagefind"
printf '%-34s %16s %16s %8s\n' "" sitegen pagefind ratio
ratio() { python3 -c "import sys; a, b = sys.argv[1], sys.argv[2]; print(f'{float(a) / float(b):.3f}' if a and b and float(b) else '-')" "$1" "$2"; }
printf '%-34s %16s %16s %8s\n' "index bytes" "$SG_BYTES" "$PF_BYTES" "$(ratio "$SG_BYTES" "$PF_BYTES")"
printf '%-34s %16s %16s %8s\n' "index files" "$SG_FILES" "$PF_FILES" "$(ratio "$SG_FILES" "$PF_FILES")"
printf '%-34s %16s %16s %8s\n' "index build wall time (s)" "$SG_S" "$PF_S" "$(ratio "$SG_S" "$PF_S")"
printf '%-34s %16s %16s %8s\n' "index build CPU time (s)" "$SG_CPU" "$PF_CPU" "$(ratio "$SG_CPU" "$PF_CPU")"
printf '%-34s %16s %16s %8s\n' "peak memory (KB)" "$SG_KB" "$PF_KB" "$(ratio "$SG_KB" "$PF_KB")"
printf '%-34s %16s %16s %8s\n' "largest first-page download (B)" "$SG_WORST" "${PF_WORST:--}" "$(ratio "$SG_WORST" "$PF_WORST")"
printf '%-34s %16s\n' "largest full-count download (B)" "$SG_WORST_ALL"
echo "(sitegen: 'search-index' = load Content + write the index, as a build does along with the pages."
echo " Pagefind ran on the Hugo twin's HTML, bodies only. Load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
