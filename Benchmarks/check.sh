#!/bin/sh
# Times a full `sitegen build --clean` and `sitegen check` on a generated archive, interleaved,
# and prints the ratio check/build. Usage: Benchmarks/check.sh [issues] [pages] [articles-per-page] [rounds]
#   e.g. Benchmarks/check.sh 30 4 25 3      (3,000 articles)
set -eu
cd "$(dirname "$0")/.."
issues=${1:-30}; pages=${2:-4}; per=${3:-25}; rounds=${4:-3}
swift build -c release --static-swift-stdlib --product sitegen >/dev/null
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)/sitegen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/Content" "$issues" "$pages" "$per" <<'PY'
import os, sys, datetime
root, issues, pages, per = sys.argv[1], *map(int, sys.argv[2:])
day = datetime.date(2018, 1, 1)
for i in range(issues):
    d = day + datetime.timedelta(days=i)
    for p in range(1, pages + 1):
        for o in range(1, per + 1):
            path = f"{root}/{d:%Y/%m/%d}/{p:02d}/{o:02d}.md"
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(f"---\ntitle: {d} 第{p}版 第{o}篇\ndate: {d}\npage: {p}\nposition: {o}\n---\n\n正文第{o}篇。\n\n第二段。\n")
PY
echo "$((issues * pages * per)) articles, $rounds rounds, $(nproc) cores"
for round in $(seq "$rounds"); do
  b=$( { /usr/bin/time -f %e "$bin" build --clean --content "$work/Content" --output "$work/Public" >/dev/null; } 2>&1 )
  c=$( { /usr/bin/time -f %e "$bin" check --content "$work/Content" --output "$work/Public" >/dev/null; } 2>&1 )
  echo "round $round: build $b s, check $c s, check/build $(python3 -c "print(round($c/$b, 2))")"
done
