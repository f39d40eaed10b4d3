#!/bin/sh
# Builds a libFuzzer target and fuzzes it, then minimises what it found into the committed corpus
# (the regression tests feed every corpus file to the reader). See Fuzz/README.md.
#
#   Fuzz/run.sh [target] [seconds]      e.g. Fuzz/run.sh FuzzFrontMatter 600
set -eu
cd "$(dirname "$0")/.."
target=${1:-FuzzFrontMatter}
seconds=${2:-600}
case $target in
  FuzzFrontMatter) name=front-matter; max_len=4096; samples= ;;
  # Scraped pages are larger than front matter; the test suite's samples are seeds too.
  FuzzIngest) name=ingest; max_len=16384; samples=Tests/SitegenKitTests/Fixtures/ingest ;;
  *) echo "unknown target $target (add it to Fuzz/run.sh)" >&2; exit 2 ;;
esac
# Real scraped pages of many papers (../shared/samples/corpus/ beside the checkout, or
# SITEGEN_FUZZ_SAMPLES): seeds for both targets, so the fuzzer starts from what scrapers save.
shared=${SITEGEN_FUZZ_SAMPLES:-../shared/samples/corpus}
own_samples=$samples
[ -d "$shared" ] && samples="$samples $shared"
corpus=Tests/SitegenKitTests/Fixtures/fuzz/$name   # committed, minimised
work=.build/fuzz-corpus/$name                       # grows while fuzzing, not committed
crashes=.build/fuzz-crashes/$name/
mkdir -p "$corpus" "$work" "$crashes"

# SITEGEN_FUZZ=1 declares the fuzz targets in Package.swift; --sanitize fuzzer links libFuzzer's
# main (SwiftPM then keeps it instead of the module's), -parse-as-library drops Swift's own main,
# -enable-testing lets the harness check internals (@testable import) in an optimised build.
SITEGEN_FUZZ=1 swift build -c release --build-path .build/fuzz --sanitize fuzzer \
  -Xswiftc -parse-as-library -Xswiftc -enable-testing --product "$target"

# One process (the build machines have 2 cores); a slow or greedy input is a finding, not a hang.
# The timeout is wall time: on a machine busy with builds a `nice`d fuzzer can be starved past 5 s
# by an input that takes 0.2 s alone; SITEGEN_FUZZ_TIMEOUT=30 then (check such inputs alone).
# Swift's own backtracer would take the crash signal before libFuzzer could save the input.
SWIFT_BACKTRACE=enable=no nice -n 19 .build/fuzz/release/"$target" "$work" "$corpus" Fuzz/seeds/"$name" $samples \
  $( [ -f Fuzz/"$name".dict ] && echo -dict=Fuzz/"$name".dict ) -max_total_time="$seconds" -timeout="${SITEGEN_FUZZ_TIMEOUT:-5}" -rss_limit_mb=1024 \
  -max_len="$max_len" -artifact_prefix="$crashes" -print_final_stats=1 || status=$?

# Add to the committed corpus only the inputs that add edge coverage (not hit counts) to it, so
# it stays small and its history only grows. (To shrink it from scratch: -merge=1 into an empty
# folder from the corpus, then replace the corpus with that folder.)
# The shared pages stay out of it: they are seeds kept beside the checkout, not fixtures.
.build/fuzz/release/"$target" -merge=1 -use_counters=0 "$corpus" Fuzz/seeds/"$name" $own_samples "$work" >/dev/null 2>&1
echo "corpus: $(ls "$corpus" | wc -l) files, $(du -sh "$corpus" | cut -f1) in $corpus"
ls "$crashes" | sed 's/^/finding: /'
exit ${status:-0}
