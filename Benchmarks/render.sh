#!/usr/bin/env bash
# Render microbenchmark: article pages per second, sitegen's compiled renderer against
# swift-mustache on the same contexts (Benchmarks/RenderBenchmark), by the thread's CPU time:
# with bodies (each body read from its file and converted to HTML, as a build does, on both
# sides) and template work only (both given the same body HTML, converted before timing).
#   Benchmarks/render.sh [ARTICLES=2000] [ROUNDS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-2000}
rounds=${2:-5}
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
python3 ../shared/bench/gen_corpus.py --articles "$articles" --out "$corpus" >/dev/null
content="$corpus"
[ -d "$corpus/Content" ] && content="$corpus/Content"
SITEGEN_BENCH=1 swift build -c release --product RenderBenchmark >/dev/null
SITEGEN_BENCH=1 .build/release/RenderBenchmark "$content" Templates "$rounds" "$articles"
