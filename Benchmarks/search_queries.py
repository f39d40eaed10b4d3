#!/usr/bin/env python3
"""Per-query downloads of sitegen's search and of Pagefind over the same sampled phrases.

sitegen: `sitegen search --budget 80000` (search.js's BUDGET) reports what the browser downloads for the first results
page (manifest, postings read in the first round, records of the first 10 results (the page size of search.js)), and with
`--budget 0` what an exact count of every match needs. Pagefind: headless Chromium runs its
JavaScript API for each phrase in a fresh frame and sums the sizes of the index files fetched
(entry, meta, index chunks, filters, the first 10 results' fragments, the same page size; not its .js/.css/wasm),
one fresh browser per phrase, for the first --pagefind-phrases phrases (Chromium starts take time).
Also prints, for a few phrases, each side's count next to a scan of the content.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import http.server
import functools
import urllib.parse

BUDGET = 80000  # bytes of postings per round: search.js's BUDGET
FIXED = ["的", "了", "党", "。", "发展", "党员", "党员发展", "组织发展", "基层党组织", "花椒之乡", "度获",
         "三坝乡", "脱贫攻坚", "2018", "产业发展"]


def articles(content):
    for folder, folders, files in os.walk(content):
        folders.sort()
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            text = open(os.path.join(folder, name), encoding="utf-8").read()
            _, front, body = text.split("---", 2)
            fields = []
            for line in front.splitlines():
                key, _, value = line.partition(":")
                if key in ("title", "kicker", "subtitle", "author"):
                    fields.append(value.strip().strip('"'))
            body = body.replace("**", "")
            fields += [re.sub(r"^#+ ", "", block).strip() for block in body.split("\n\n") if block.strip()]
            yield fields


def sample(corpus, count, seed=1, lengths=(1, 2, 2, 3, 3, 4, 4, 5, 6, 8, 10)):
    rng = random.Random(seed)
    phrases = []
    while len(phrases) < count:
        fields = corpus[rng.randrange(len(corpus))]
        field = fields[rng.randrange(len(fields))]
        length = rng.choice(lengths)
        if len(field) < length:
            continue
        start = rng.randrange(len(field) - length + 1)
        phrase = field[start:start + length]
        if phrase.strip() == phrase and " " not in phrase:
            phrases.append(phrase)
    return phrases


def sitegen(binary, site, phrase, budget):
    out = subprocess.run([binary, "search", "--site", site, "--budget", str(budget), "--limit", "0", "--", phrase],
                         capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^(\d+) articles", out).group(1))
    first_page = int(re.search(r"first page download: (\d+) bytes", out).group(1))
    return count, first_page, "so far" not in out


PAGE = """<!doctype html><meta charset="utf-8"><script type="module">
const q = new URLSearchParams(location.search).get("q");
let count = -1;
try {
  const pagefind = await import("/pagefind/pagefind.js");
  const search = await pagefind.search(q);
  count = search.results.length;
  await Promise.all(search.results.slice(0, 10).map(r => r.data()));
} catch (e) { count = -2; }
const bytes = performance.getEntriesByType("resource")
  .filter(e => e.name.includes("/pagefind/") && !/\\/wasm\\.|\\.js$|\\.css$/.test(e.name))
  .reduce((sum, e) => sum + e.encodedBodySize, 0);
document.body.textContent = JSON.stringify({q, count, bytes});
</script>"""


def pagefind(site, phrases):
    """One fresh Chromium per phrase, so nothing is cached between queries."""
    bench = os.path.join(site, "_bench")
    os.makedirs(bench, exist_ok=True)
    open(os.path.join(bench, "q.html"), "w", encoding="utf-8").write(PAGE)
    handler = functools.partial(QuietHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    results = {}
    try:
        for phrase in phrases:
            with tempfile.TemporaryDirectory() as profile:
                url = f"http://127.0.0.1:{server.server_address[1]}/_bench/q.html?q=" + urllib.parse.quote(phrase)
                try:
                    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                          f"--user-data-dir={profile}", "--virtual-time-budget=30000", "--dump-dom", url],
                                         capture_output=True, text=True, timeout=90).stdout
                except subprocess.TimeoutExpired:
                    continue
            found = re.search(r"<body>(\{.*?\})</body>", dom)
            if found:
                results[phrase] = json.loads(found.group(1))
    finally:
        server.shutdown()
    return results


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--content", required=True)
    ap.add_argument("--sitegen", required=True)
    ap.add_argument("--site", required=True)
    ap.add_argument("--pagefind-site")
    ap.add_argument("--work", default=tempfile.gettempdir())
    ap.add_argument("--samples", type=int, default=150)
    ap.add_argument("--sentences", type=int, default=15, help="sampled phrases of 20, 40 or 80 characters")
    ap.add_argument("--pagefind-phrases", type=int, default=60, help="the first N phrases also go to Pagefind")
    a = ap.parse_args()
    corpus = list(articles(a.content))
    # Pasted sentences, after the phrases Pagefind also answers.
    sentences = sample(corpus, a.sentences, seed=2, lengths=(20, 40, 80))
    phrases = FIXED + sample(corpus, a.samples) + sentences
    rows = []
    for phrase in phrases:
        count, first_page, complete = sitegen(a.sitegen, a.site, phrase, BUDGET)
        full_count, full, _ = sitegen(a.sitegen, a.site, phrase, 0)
        rows.append((phrase, count, first_page, complete, full_count, full))
    pf = pagefind(a.pagefind_site, phrases[:a.pagefind_phrases]) if a.pagefind_site else {}

    print(f"{'phrase':<12} {'truth':>6} {'sitegen':>8} {'pagefind':>8} {'sg 1st page B':>14} {'sg full B':>10} {'pf B':>9}")
    for phrase, count, first_page, complete, full_count, full in rows:
        if phrase in FIXED:
            truth = sum(1 for fields in corpus if any(phrase in f for f in fields))
            p = pf.get(phrase, {})
            print(f"{phrase:<12} {truth:>6} {full_count:>8} {p.get('count', '-'):>8} {first_page:>14} {full:>10} {p.get('bytes', '-'):>9}")
    worst = max(rows, key=lambda r: r[2])
    worst_full = max(rows, key=lambda r: r[5])
    incomplete = sum(1 for r in rows if not r[3])
    print(f"{len(phrases)} phrases ({len(FIXED)} fixed, {a.samples} sampled, {a.sentences} sentences of 20–80 characters); "
          f"first page not the full count for {incomplete}")
    print(f"worst sitegen first page ({worst[0]}): {worst[2]}")
    if sentences:
        worst_sentence = max((r for r in rows if r[0] in sentences), key=lambda r: r[2])
        print(f"worst sitegen first page of the sentences ({worst_sentence[0]}): {worst_sentence[2]}")
    print(f"worst sitegen full count ({worst_full[0]}): {worst_full[5]}")
    if pf:
        worst_pf = max(pf.values(), key=lambda r: r["bytes"])
        subset = [r for r in rows if r[0] in pf]
        worst_subset = max(subset, key=lambda r: r[2])
        right = sum(1 for r in subset if pf[r[0]]["count"] == r[4])
        print(f"pagefind answered {len(pf)} of the first {a.pagefind_phrases} phrases; "
              f"its count equals sitegen's exact count for {right} of them")
        print(f"worst sitegen first page over those ({worst_subset[0]}): {worst_subset[2]}")
        print(f"worst pagefind ({worst_pf['q']}): {worst_pf['bytes']}")


if __name__ == "__main__":
    sys.exit(main())
