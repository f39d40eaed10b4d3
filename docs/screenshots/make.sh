#!/bin/sh
# Regenerates the README's screenshots from the bundled archive (Content/ and Templates/):
# article, page, issue, 往期 and year pages (and the search page when the site has one), each at
# 390 px (phone) and 1366 px (desktop). Needs chromium, chromedriver and selenium (`make test-deps`).
set -eu
cd "$(dirname "$0")/../.."
swift build --product sitegen
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
.build/debug/sitegen build --output "$site/Public" >/dev/null
pages="article=2018/07/19/03/05.html page=2018/07/19/03/index.html issue=2018/07/19/index.html archive=archive/index.html archive-year=archive/2018/index.html"
[ -f "$site/Public/search/index.html" ] && pages="$pages search=search/index.html"
# shellcheck disable=SC2086
python3 docs/screenshots/shoot.py "$site/Public" docs/screenshots $pages
