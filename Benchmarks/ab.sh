#!/bin/bash
# Two sitegen binaries against each other on the same build, interleaved: A B A B ...
#
#   bash Benchmarks/ab.sh OLD_BINARY NEW_BINARY [ROUNDS] [edit|add|template|cold|fresh] [WORK]
#
# Uses the 10,000-article archive that Benchmarks/build_speed.py generates in WORK
# (default /tmp/sitegen-bench; run that first). Each binary builds into its own output
# folder (a build state belongs to the binary that wrote it). `edit` (the default): each
# round appends a line to one article, then times both builds. `add`: each round writes a new
# article (position 99 on that article's page), times both builds, then removes it and builds
# both again untimed. `template`: each round appends a comment to article.mustache, then times
# both builds. `cold`: each round times
# both binaries' `--clean` builds over their previous output. `fresh`: `--clean` builds into
# an empty folder (the output, its staging tree and state deleted first, untimed), as
# build_speed.py's cold build. Prints each binary's median and fastest wall time and median
# CPU (user + system). The article and the template are restored at the end.
set -euo pipefail
A=$1; B=$2; N=${3:-7}; SCENARIO=${4:-edit}; WORK=${5:-/tmp/sitegen-bench}
case "$SCENARIO" in
  edit|add|template) FLAGS=() ;;
  cold|fresh) FLAGS=(--clean) ;;
  *) echo "scenario must be edit, add, template, cold or fresh, not $SCENARIO" >&2; exit 2 ;;
esac
C=$WORK/c10000/Content; T=$WORK/Templates
[ -d "$C" ] || { echo "no archive at $C: run python3 Benchmarks/build_speed.py first" >&2; exit 1; }
F=$(find "$C" -name '*.md' | sort | sed -n 5000p)
ORIGINAL=$(mktemp); cp "$F" "$ORIGINAL"
TEMPLATE=$(mktemp); cp "$T/article.mustache" "$TEMPLATE"
ADDED=$(dirname "$F")/99.md
trap 'cp "$ORIGINAL" "$F"; cp "$TEMPLATE" "$T/article.mustache"; rm -f "$ORIGINAL" "$TEMPLATE" "$ADDED"' EXIT
# The added article's date and page, from its folder: …/YYYY/MM/DD/PP/99.md.
IFS=/ read -r YEAR MONTH DAY PAGE <<< "$(dirname "$F" | rev | cut -d/ -f1-4 | rev)"
out() { echo "$WORK/ab-$(basename "$1")-$(cksum < "$1" | cut -d' ' -f1)"; }
for bin in "$A" "$B"; do
  "$bin" build --content "$C" --templates "$T" --output "$(out "$bin")/Public" >/dev/null
done
for i in $(seq 0 "$N"); do
  [ "$SCENARIO" = edit ] && echo "第${i}轮" >> "$F"
  [ "$SCENARIO" = template ] && echo "<!-- 第${i}轮 -->" >> "$T/article.mustache"
  [ "$SCENARIO" = add ] && printf -- '---\ntitle: 第%s轮新增\ndate: %s-%s-%s\npage: %s\nposition: 99\n---\n\n新增的正文。\n' \
    "$i" "$YEAR" "$MONTH" "$DAY" "$PAGE" > "$ADDED"
  for bin in "$A" "$B"; do
    [ "$SCENARIO" = fresh ] && rm -rf "$(out "$bin")"
    sync
    # bash's own timer: milliseconds (/usr/bin/time prints hundredths, too coarse for an edit).
    TIMEFORMAT="$(basename "$bin") %3R %3U %3S"
    { time "$bin" build "${FLAGS[@]}" --content "$C" --templates "$T" --output "$(out "$bin")/Public" >/dev/null 2>&1; } 2>&1 | tail -1
  done
  if [ "$SCENARIO" = add ]; then
    rm "$ADDED"
    for bin in "$A" "$B"; do
      "$bin" build --content "$C" --templates "$T" --output "$(out "$bin")/Public" >/dev/null
    done
  fi
done | tail -n +3 | python3 -c '
import sys, statistics as st, collections
d = collections.defaultdict(list)
for line in sys.stdin:
    name, wall, user, system = line.split()
    d[name].append((float(wall), float(user) + float(system)))
for name, v in d.items():
    print("%s wall median %.3f s, fastest %.3f s, CPU median %.3f s (%d builds)"
          % (name, st.median(x[0] for x in v), min(x[0] for x in v), st.median(x[1] for x in v), len(v)))'
