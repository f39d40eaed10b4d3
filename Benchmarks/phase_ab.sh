#!/bin/bash
# Two (or more) sitegen binaries' cold builds side by side, phase by phase, interleaved:
#
#   PHASE=load ROUNDS=5 bash Benchmarks/phase_ab.sh OLD_BINARY NEW_BINARY [...] 
#
# Each round builds the build-speed archive (run Benchmarks/build_speed.py first; WORK defaults to
# /tmp/scale-bench) with `--clean --timings` into a fresh folder per binary, the previous one set
# aside (not deleted: see build_speed.py's Trash). Prints per binary the medians of PHASE's wall and
# CPU time (from --timings), of the whole build's wall and CPU (user + system) and of peak memory.
# The set-aside trees are left in WORK/trash: delete them when done, and wait six minutes before
# timing anything else.
set -euo pipefail
PHASE=${PHASE:-load}; ROUNDS=${ROUNDS:-5}; W=${WORK:-/tmp/scale-bench}; C=$W/c10000/Content
[ -d "$C" ] || { echo "no archive at $C: run python3 Benchmarks/build_speed.py --work $W first" >&2; exit 1; }
mkdir -p "$W/trash"
for i in $(seq 1 "$ROUNDS"); do
  for bin in "$@"; do
    out=$W/phase-ab-$(basename "$bin")
    [ -d "$out" ] && mv "$out" "$W/trash/$(basename "$bin")-$i-$$"
    sync
    /usr/bin/time -f "TIME %e %U %S %M" "$bin" build --clean --timings --content "$C" --templates "$W/Templates" \
      --output "$out/Public" 2>&1 | awk -v name="$(basename "$bin")" -v phase="$PHASE" \
      '$1 == phase { wall = $2; cpu = $4 } /^TIME/ { print name, wall, cpu, $2, $3 + $4, $5 }'
  done
done | python3 -c '
import sys, statistics as st, collections
d = collections.defaultdict(list)
for line in sys.stdin:
    name, *values = line.split()
    d[name].append([float(v) for v in values])
for name, runs in d.items():
    m = [st.median(r[i] for r in runs) for i in range(5)]
    print("%-24s phase wall %.3f s CPU %.3f s | build wall %.3f s CPU %.3f s | peak %.0f MB (%d builds)"
          % (name, m[0], m[1], m[2], m[3], m[4] / 1024, len(runs)))' 
