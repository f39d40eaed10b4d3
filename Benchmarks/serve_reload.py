#!/usr/bin/env python3
"""Edit-to-browser latency of `sitegen serve`: the time from saving an article to the server
serving the new text, on a copy of the bundled archive (or --articles N generated ones).

    Benchmarks/serve_reload.py [--binary .build/release/sitegen] [--edits 20] [--articles 0]

Starts the real binary on a free loopback port, then edits the article's title N times, polling
the article's URL every 20 ms until the new title is served. Prints the median and the maximum
(the goal: under 2 s). Open pages reload on the same build's event, so this is what a reader sees,
less the browser's own reload.
"""
import argparse, os, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

from serve_project import ROOT, free_port, make_project

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/sitegen"))
parser.add_argument("--edits", type=int, default=20)
parser.add_argument("--articles", type=int, default=0, help="generate an archive this large (../shared/bench/gen_corpus.py)")
args = parser.parse_args()
args.binary = os.path.abspath(args.binary)

work = tempfile.mkdtemp(prefix="serve-bench-")
try:
    content = make_project(work, args.articles)
    article = next(os.path.join(d, f) for d, _, fs in sorted(os.walk(content)) for f in sorted(fs) if f.endswith(".md"))
    relative = os.path.relpath(article, content)[:-3] + ".html"
    port = free_port()
    server = subprocess.Popen([args.binary, "serve", "--port", str(port)], cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{relative}"

    def fetch():
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            return ""

    deadline = time.time() + 600
    while "<html" not in fetch():
        if time.time() > deadline or server.poll() is not None:
            sys.exit("the server did not start")
        time.sleep(0.1)
    original = open(article, encoding="utf-8").read()
    latencies = []
    for n in range(args.edits):
        marker = f"改动{n}号"
        text = original.replace("title: ", f"title: {marker}", 1)
        start = time.time()
        with open(article, "w", encoding="utf-8") as f:
            f.write(text)
        while marker not in fetch():
            if time.time() - start > 30:
                sys.exit(f"edit {n} not served within 30 s")
            time.sleep(0.02)
        latencies.append(time.time() - start)
        time.sleep(0.4)
    server.terminate()
    server.wait(timeout=10)
    print(f"{args.articles or 'bundled'} articles, {args.edits} edits: edit → served median {statistics.median(latencies):.2f} s, "
          f"max {max(latencies):.2f} s (goal: < 2 s)")
finally:
    shutil.rmtree(work, ignore_errors=True)
