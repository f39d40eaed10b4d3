#!/usr/bin/env python3
"""Ingest throughput: the sample pages copied many times (each copy moved to its own date, so
every copy writes new files) ingested by the release binary. Prints inputs/s and articles/s for a
first ingest (writes everything), a second one (everything unchanged) and a dry run.

    Benchmarks/ingest.py [--copies 500] [--samples ../shared/samples]
"""
import argparse, datetime, os, re, resource, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATE_FORMATS = ["{y}年{m}月{d}日", "{y}年{mm}月{dd}日", "{y}-{mm}-{dd}", "{y}-{mm}/{dd}", "{y}{mm}/{dd}", "{y}{mm}{dd}", "{y}.{mm}.{dd}"]


def spellings(date):
    values = dict(y=date.year, m=date.month, d=date.day, mm=f"{date.month:02d}", dd=f"{date.day:02d}")
    return [f.format(**values) for f in DATE_FORMATS]


def shift(text, old, new):
    for a, b in zip(spellings(old), spellings(new)):
        text = text.replace(a, b)
    return text


def sample_date(name):
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", name)
    return datetime.date(*map(int, match.groups()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=500)
    parser.add_argument("--samples", default=os.path.join(ROOT, "Tests/SitegenKitTests/Fixtures/ingest"))
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--product", "sitegen"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build/release/sitegen")
    work = tempfile.mkdtemp(prefix="sitegen-ingest-bench-")
    try:
        inputs = os.path.join(work, "inputs")
        os.makedirs(inputs)
        pages = [n for n in sorted(os.listdir(args.samples)) if n.endswith((".txt", ".htm", ".html"))]
        total_bytes = 0
        for name in pages:
            old = sample_date(name)
            stem, ext = os.path.splitext(name)
            text = open(os.path.join(args.samples, name), encoding="utf-8-sig").read()
            url_path = os.path.join(args.samples, stem + ".url")
            url = open(url_path, encoding="utf-8").read() if os.path.exists(url_path) else None
            for copy in range(args.copies):
                new = old + datetime.timedelta(days=copy + 1)
                folder = os.path.join(inputs, f"{copy:04d}")
                os.makedirs(folder, exist_ok=True)
                body = shift(text, old, new)
                total_bytes += len(body.encode())
                open(os.path.join(folder, name), "w", encoding="utf-8").write(body)
                if url:
                    open(os.path.join(folder, stem + ".url"), "w", encoding="utf-8").write(shift(url, old, new))
        count = len(pages) * args.copies
        content = os.path.join(work, "Content")
        print(f"{count} inputs ({total_bytes / 1e6:.1f} MB): {len(pages)} samples × {args.copies} copies, "
              f"{os.cpu_count()} cores, release build")

        def run(label, *extra):
            start = time.perf_counter()
            cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
            done = subprocess.run([binary, "ingest", "--content", content, *extra, inputs], capture_output=True, text=True)
            seconds = time.perf_counter() - start
            cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
            summary = done.stdout.strip().splitlines()[-1]
            articles = sum(1 for line in done.stdout.splitlines() if ".md  ←" in line)
            print(f"{label:<28} {seconds:6.2f} s wall ({cpu:6.2f} s CPU)  {count / seconds:6.0f} inputs/s  "
                  f"{articles / seconds:6.0f} articles/s   ({summary})")
            return seconds

        run("dry run (parse + place)", "--dry-run")
        first = run("first ingest (all written)")
        second = run("again (all unchanged)")
        print(f"re-ingest / first ingest time: {second / first:.2f}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
