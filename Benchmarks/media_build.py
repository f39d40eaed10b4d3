#!/usr/bin/env python3
"""Cold builds of an archive with page scans and photos beside the same archive as text only,
and what a one-article edit costs afterwards (issue 20).

    Benchmarks/media_build.py [--articles 10000] [--scan-mb 2] [--rounds 1] [--work /tmp/media-bench]

Makes the text archive with ../shared/bench/gen_corpus.py, then a copy with a scan of about
--scan-mb MB per page (page.jpg, 2480x3508 px: A4 at 300 dpi, grey noise so it does not compress) and
one photo per article (NN-1.jpg, 1600x1200 px). Each file gets its own bytes (a distinct tail
after the JPEG's end, which decoders ignore), so no image is a copy of another and each is
processed. Then, interleaved per round: a cold build of each (fresh output, no media store),
measured with /usr/bin/time (wall time, peak RSS); then, on the archive with images, an edit of
one article and a rebuild, which must process no image. Prints one line per measurement and the
ratio of the cold builds. Needs a release build (swift build -c release --static-swift-stdlib)
and the vips command line (libvips-tools).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SITEGEN = os.path.join(ROOT, ".build/release/sitegen")
GEN = os.path.join(ROOT, "..", "shared", "bench", "gen_corpus.py")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def make_image(path, width, height, quality):
    """A grey noise JPEG (noise does not compress, like the grain of a real scan)."""
    run(["vips", "gaussnoise", path + ".v", str(width), str(height), "--sigma", "40", "--mean", "128"])
    run(["vips", "cast", path + ".v", path + ".u.v", "uchar"])
    run(["vips", "jpegsave", path + ".u.v", path, "--Q", str(quality), "--strip"])
    for suffix in (".v", ".u.v"):
        os.remove(path + suffix)
    with open(path, "rb") as f:
        return f.read()


def add_media(content, scan, photo):
    pages = articles = 0
    for folder, _, files in os.walk(content):
        parts = os.path.relpath(folder, content).split(os.sep)
        if len(parts) != 4:
            continue
        pages += 1
        tag = "/".join(parts).encode()
        with open(os.path.join(folder, "page.jpg"), "wb") as f:
            f.write(scan + b"sitegen-bench " + tag)
        for name in files:
            if name.endswith(".md"):
                articles += 1
                with open(os.path.join(folder, name[:-3] + "-1.jpg"), "wb") as f:
                    f.write(photo + b"sitegen-bench " + tag + name.encode())
    return pages, articles


def timed_build(content, output, label):
    shutil.rmtree(output, ignore_errors=True)
    state = os.path.join(os.path.dirname(output), ".sitegen")
    for name in (os.path.basename(output) + ".state", os.path.basename(output) + ".media"):
        shutil.rmtree(os.path.join(state, name), ignore_errors=True)
        if os.path.exists(os.path.join(state, name)):
            os.remove(os.path.join(state, name))
    return build(content, output, label)


def build(content, output, label):
    start = time.time()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", SITEGEN, "build", "--content", content, "--output", output,
                             "--templates", os.path.join(ROOT, "Templates")], capture_output=True, text=True)
    seconds = time.time() - start
    if result.returncode != 0:
        sys.exit(f"{label}: build failed\n{result.stdout}\n{result.stderr}")
    peak_mb = int(result.stderr.strip().splitlines()[-1]) / 1024
    summary = result.stdout.strip().splitlines()[-1]
    processed = re.search(r"(\d+) images processed", summary)
    print(f"{label}: {seconds:.2f} s wall, peak RSS {peak_mb:.0f} MB, images processed: {processed.group(1) if processed else 0} | {summary}")
    return seconds, peak_mb


def generate(args, text, media):
    shutil.rmtree(args.work, ignore_errors=True)
    print(run([sys.executable, GEN, "--articles", str(args.articles), "--out", text]).stdout.strip())
    shutil.copytree(text, media)
    # A scan of about --scan-mb MB: noise at a quality that lands near the size asked for.
    quality, scan = 30, b""
    for quality in (30, 45, 60, 75, 90):
        scan = make_image(os.path.join(args.work, "scan.jpg"), 2480, 3508, quality)
        if len(scan) >= args.scan_mb * 1e6 * 0.9:
            break
    photo = make_image(os.path.join(args.work, "photo.jpg"), 1600, 1200, 60)
    pages, articles = add_media(media, scan, photo)
    print(f"media: {pages} scans of {len(scan) / 1e6:.2f} MB (Q{quality}), {articles} photos of {len(photo) / 1e6:.2f} MB")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--scan-mb", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--work", default="/tmp/media-bench")
    parser.add_argument("--reuse", action="store_true", help="keep the archives an earlier run made in --work")
    args = parser.parse_args()
    text, media = os.path.join(args.work, "text/Content"), os.path.join(args.work, "media/Content")
    if not (args.reuse and os.path.isdir(media)):
        generate(args, text, media)
    if not os.access(SITEGEN, os.X_OK):
        sys.exit("build sitegen first: swift build -c release --static-swift-stdlib (then run again with --reuse)")

    cold = {"text": [], "media": []}
    for round in range(args.rounds):
        for kind, content in (("text", text), ("media", media)):
            cold[kind].append(timed_build(content, os.path.join(os.path.dirname(content), "Public"), f"round {round + 1} cold {kind}"))
    # One article edited: the images are neither processed nor even read again.
    article = next(os.path.join(folder, name) for folder, _, files in sorted(os.walk(media)) for name in sorted(files) if name.endswith(".md"))
    with open(article, "a", encoding="utf-8") as f:
        f.write("\n补记一句。\n")
    seconds, _ = build(media, os.path.join(os.path.dirname(media), "Public"), "one-article edit, with images")
    best = {kind: min(s for s, _ in runs) for kind, runs in cold.items()}
    peak = max(m for runs in cold.values() for _, m in runs)
    print(f"cold build with images / text only: {best['media'] / best['text']:.1f}x ({best['media']:.1f} s vs {best['text']:.1f} s); "
          f"peak RSS {peak:.0f} MB (limit 1024 MB)")


if __name__ == "__main__":
    main()
