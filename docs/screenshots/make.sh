#!/bin/sh
# Regenerates the screenshots in docs/reading.md from the bundled archive (Content/ and Templates/), served by
# `sitegen serve` into a temporary folder: article, page, issue, 往期 and year pages, and the search
# page, each at 390 px (phone) and 1366 px (desktop). Needs chromium, chromedriver and selenium
# (`make test-deps`).
set -eu
cd "$(dirname "$0")/../.."
swift build --product sitegen
site=$(mktemp -d)
.build/debug/sitegen serve --port 0 --output "$site/Public" >"$site/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$site"' EXIT
for _ in $(seq 1 100); do grep -q "Serving" "$site/serve.log" && break; sleep 0.1; done
base=$(sed -n 's|.* at \(http://[^ ]*/\) .*|\1|p' "$site/serve.log")
[ -n "$base" ] || { cat "$site/serve.log"; exit 1; }
pages="article=2018/07/19/03/05.html page=2018/07/19/03/ issue=2018/07/19/ archive=archive/ archive-year=archive/2018/"
[ -f "$site/Public/search/index.html" ] && pages="$pages search=search/?q=党建"
# shellcheck disable=SC2086
python3 docs/screenshots/shoot.py "$base" docs/screenshots $pages
