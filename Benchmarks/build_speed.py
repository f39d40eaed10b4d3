#!/usr/bin/env python3
"""Build speed: sitegen against Hugo on the same archive (figures: Benchmarks/RESULTS.md).

    Benchmarks/build_speed.py                    # 10,000 articles, 3 interleaved rounds
    Benchmarks/build_speed.py --articles 100000 --rounds 1 --no-hugo
    Benchmarks/build_speed.py --scale            # 10k and 100k cold builds beside Hugo: linearity and memory
    Benchmarks/build_speed.py --floor            # cold builds with title-only templates beside Hugo

Generates the archive with ../shared/bench/gen_corpus.py, lays out the Hugo twin with
hugo_twin.sh, then times whole processes with /usr/bin/time (wall seconds, peak KB, user and
system CPU seconds), interleaving sitegen and Hugo in every round:
  sitegen cold (--clean, empty output), hugo cold, sitegen after editing one article (the first
  build after --clean: it makes the staging tree), sitegen with nothing changed,
  after adding one article, after editing one article, after editing the article template.
Every timed run starts after `sync` (the previous run's writes are on disk), and no output tree
is deleted until the last timed run is over (see Trash): allow six minutes between two runs, or
after deleting any large tree (a run's cold builds were 2.7 to 5.5 s when it started two minutes
after the previous run emptied its trash).
Every incremental result is compared byte for byte with a clean build of the same input.
Prints medians and ratios to Hugo's cold build. A benchmark, not a test: nothing here fails
on a slow machine; it fails only when an incremental build differs from a clean one.

--floor separates the templates' cost from the rest of a cold build: in each round it times a
cold build with the shipped templates, Hugo, and a cold build whose every template is only
`{{title}}` (the same files, search index, feed and sitemap; pages of a few bytes). The last is
what a cold build would cost with a template engine that took no time at all.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.abspath(os.environ.get("SITEGEN_SHARED", os.path.join(ROOT, "..", "shared")))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


class Timing(tuple):
    """(wall seconds, peak MB) of one run, with `cpu`: its user and system seconds. CPU time says
    how much work a build is whatever the other cores do; the system part is the kernel's (files
    made, written, linked), which this machine's file system makes slow after large deletions."""

    def __new__(cls, wall, mb, user, system):
        timing = super().__new__(cls, (wall, mb))
        timing.user, timing.system = user, system
        return timing

    @property
    def cpu(self):
        return self.user + self.system


def timed(cmd):
    """One process, timed. Each timed run starts after `sync`, so that it does not pay for writing
    back the files the run before it (or a clean check build) wrote."""
    os.sync()
    out = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M %U %S"] + cmd, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{out.stdout}\n{out.stderr}")
    line = [l for l in out.stderr.splitlines() if l.startswith("TIME ")][-1].split()
    return Timing(float(line[1]), int(line[2]) / 1024, float(line[3]), float(line[4]))


def same_tree(a, b):
    result = subprocess.run(["diff", "-r", "-q", "-x", ".*", a, b], stdout=subprocess.PIPE, text=True)
    return result.returncode == 0, result.stdout[:2000]


class Trash:
    """Output trees the benchmark is done with, moved aside and deleted only after the last timed
    run. On ext4 without a journal (this machine) the kernel skips every inode freed in the last
    one to six minutes when it creates a file, one by one: a build that follows the deletion of
    a 20,000-file tree creates its files several times slower, and the slowdown piles up from
    round to round. Which build happened to follow a deletion would decide the figures."""

    def __init__(self, work):
        self.root = os.path.join(work, "trash")
        self.count = 0
        shutil.rmtree(self.root, ignore_errors=True)
        os.makedirs(self.root)

    def set_aside(self, path):
        if os.path.exists(path):
            self.count += 1
            os.rename(path, os.path.join(self.root, str(self.count)))

    def empty(self):
        shutil.rmtree(self.root, ignore_errors=True)


def dentry_cache():
    """Dentries the kernel holds. Each file a build stats is one lookup in the dentry cache's hash
    table, whose size is fixed at boot: with a million and a half entries (this machine after a
    day of benchmarks) an edit's scan takes several times longer. Printed so runs compare."""
    try:
        with open("/proc/sys/fs/dentry-state") as f:
            return f"{int(f.read().split()[0]):,}"
    except (OSError, ValueError, IndexError):
        return "unknown"


def build_command(sitegen, content, templates, out, clean=False):
    return [sitegen, "build"] + (["--clean"] if clean else []) + ["--content", content, "--templates", templates, "--output", out]


def ensure_tools(with_hugo):
    if with_hugo and shutil.which("hugo") is None:
        run(["apt-get", "install", "-y", "-q", "hugo"])
    # As the Makefile builds it (see RELEASE there).
    run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "sitegen"], cwd=ROOT, stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, ".build", "release", "sitegen")


def prepare(work, articles, with_hugo):
    content = os.path.join(work, f"c{articles}", "Content")
    if not os.path.isdir(content):
        run([sys.executable, os.path.join(SHARED, "bench", "gen_corpus.py"), "--articles", str(articles), "--out", content],
            stdout=subprocess.DEVNULL)
    twin = os.path.join(work, f"twin{articles}")
    if with_hugo and not os.path.isdir(twin):
        run(["sh", os.path.join(SHARED, "bench", "hugo_twin.sh"), content, twin], stdout=subprocess.DEVNULL)
    templates = os.path.join(work, "Templates")
    shutil.rmtree(templates, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "Templates"), templates)
    return content, twin, templates


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", default="/tmp/sitegen-bench")
    parser.add_argument("--no-hugo", action="store_true", help="time sitegen alone")
    parser.add_argument("--scale", action="store_true", help="cold builds of 10k and 100k articles, each beside Hugo's")
    parser.add_argument("--floor", action="store_true", help="cold builds with shipped and title-only templates, beside Hugo")
    args = parser.parse_args()
    if args.floor and (args.no_hugo or args.scale):
        parser.error("--floor compares with Hugo: it goes with neither --no-hugo nor --scale")
    os.makedirs(args.work, exist_ok=True)
    sitegen = ensure_tools(not args.no_hugo)
    trash = Trash(args.work)
    print(f"dentry cache before: {dentry_cache()} entries", flush=True)
    try:
        measure(sitegen, args, trash)
    finally:
        print(f"dentry cache after: {dentry_cache()} entries", flush=True)
        trash.empty()


def measure(sitegen, args, trash):
    if args.scale:
        return scale(sitegen, args, trash)

    content, twin, templates = prepare(args.work, args.articles, not args.no_hugo)
    if args.floor:
        return floor(sitegen, args, content, twin, templates, trash)
    site = os.path.join(args.work, "site")
    out = os.path.join(site, "Public")
    clean_out = os.path.join(args.work, "clean", "Public")
    hugo_out = os.path.join(args.work, "hugo-out")
    new_article = os.path.join(content, "2001", "03", "23", "03", "99.md")
    articles = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(content) for f in fs if f.endswith(".md"))
    edited = articles[len(articles) // 2]
    original = open(edited, encoding="utf-8").read()
    edited_first = articles[len(articles) // 3]
    original_first = open(edited_first, encoding="utf-8").read()
    template = os.path.join(templates, "article.mustache")
    original_template = open(template, encoding="utf-8").read()
    build = build_command(sitegen, content, templates, out)
    figures = {k: [] for k in ["cold", "hugo", "first-edit", "nothing", "add", "edit", "template"]}
    mismatches = []

    def check(label):
        trash.set_aside(os.path.dirname(clean_out))
        run(build_command(sitegen, content, templates, clean_out, clean=True), stdout=subprocess.DEVNULL)
        same, diff = same_tree(out, clean_out)
        if not same:
            mismatches.append(f"{label}: {diff}")

    for round_ in range(args.rounds):
        trash.set_aside(site)
        figures["cold"].append(timed(build + ["--clean"]))
        if not args.no_hugo:
            trash.set_aside(hugo_out)
            figures["hugo"].append(timed(["hugo", "--quiet", "--source", twin, "--destination", hugo_out]))
        # The first build after a --clean one makes the staging tree: timed with an edit.
        with open(edited_first, "a", encoding="utf-8") as f:
            f.write(f"\n第{round_}轮清理后的修改。\n")
        figures["first-edit"].append(timed(build))
        check("first edit after --clean")
        with open(edited_first, "w", encoding="utf-8") as f:
            f.write(original_first)
        run(build, stdout=subprocess.DEVNULL)
        figures["nothing"].append(timed(build))
        with open(new_article, "w", encoding="utf-8") as f:
            f.write("---\ntitle: 新增的一篇文章\ndate: 2001-03-23\npage: 3\npage_name: 综合\nposition: 99\n---\n\n新增的正文。\n")
        figures["add"].append(timed(build))
        check("add")
        with open(edited, "a", encoding="utf-8") as f:
            f.write(f"\n第{round_}轮修改的段落。\n")
        figures["edit"].append(timed(build))
        check("edit")
        with open(template, "w", encoding="utf-8") as f:
            f.write(original_template.replace('<article class="article">', f'<article class="article r{round_}">'))
        figures["template"].append(timed(build))
        check("template")
        os.remove(new_article)
        with open(edited, "w", encoding="utf-8") as f:
            f.write(original)
        with open(template, "w", encoding="utf-8") as f:
            f.write(original_template)
        print(f"round {round_ + 1}: " + ", ".join(f"{k} {v[-1][0]:.2f}s/{v[-1][1]:.0f}MB" for k, v in figures.items() if v), flush=True)

    hugo_wall = statistics.median(t for t, _ in figures["hugo"]) if figures["hugo"] else None
    hugo_mem = statistics.median(m for _, m in figures["hugo"]) if figures["hugo"] else None
    files = sum(len(fs) for _, _, fs in os.walk(out))
    print(f"\n{args.articles} articles, {files} files in Public, {args.rounds} interleaved rounds, medians:")
    print(f"{'measure':<34}{'wall s':>9}{'peak MB':>9}{'ratio to Hugo cold':>20}{'per round':>11}{'target':>10}")
    targets = {"cold": (0.33, None), "first-edit": (0.03, None), "nothing": (0.02, None), "add": (0.03, None),
               "edit": (0.03, None), "template": (0.1, None)}
    names = {"cold": "sitegen cold build (--clean)", "hugo": "Hugo cold build",
             "first-edit": "sitegen first edit after --clean", "nothing": "sitegen rebuild, nothing changed",
             "add": "sitegen rebuild, one article added", "edit": "sitegen rebuild, one article edited",
             "template": "sitegen rebuild, article template"}
    for key, values in figures.items():
        if not values:
            continue
        wall = statistics.median(t for t, _ in values)
        mem = statistics.median(m for _, m in values)
        ratio = f"{wall / hugo_wall:.3f}x time" if hugo_wall and key != "hugo" else ""
        # The machine's speed drifts between rounds: each round's own ratio (to the Hugo build
        # timed beside it), then their median, is the steadier figure.
        paired = f"{statistics.median(t / h for (t, _), (h, _) in zip(values, figures['hugo'])):.3f}x" \
            if hugo_wall and key != "hugo" else ""
        target = targets.get(key, (None, None))[0]
        print(f"{names[key]:<34}{wall:9.2f}{mem:9.0f}{ratio:>20}{paired:>11}{('<= ' + str(target)) if target else '':>10}")
    if hugo_mem and figures["cold"]:
        print(f"cold build peak memory: {statistics.median(m for _, m in figures['cold']) / hugo_mem:.3f}x Hugo's (target <= 0.25)")
        for key in ["cold", "hugo", "template"]:
            runs = figures[key]
            print(f"{names[key]} CPU: user {statistics.median(r.user for r in runs):.2f} s, system "
                  f"{statistics.median(r.system for r in runs):.2f} s (medians)")
        print(f"cold build CPU (user + system): {statistics.median(r.cpu for r in figures['cold']) / statistics.median(r.cpu for r in figures['hugo']):.3f}x Hugo's")
    print("incremental output identical to a clean build: " + ("yes" if not mismatches else "NO\n" + "\n".join(mismatches)))
    sys.exit(1 if mismatches else 0)


def scale(sitegen, args, trash):
    """Cold builds of 10,000 and 100,000 articles, each followed by Hugo's on the same corpus
    (unless --no-hugo): how time and memory grow, beside the peer."""
    with_hugo = not args.no_hugo
    results = {}
    for n in (10000, 100000):
        content, twin, templates = prepare(args.work, n, with_hugo)
        out = os.path.join(args.work, f"scale{n}", "Public")
        trash.set_aside(os.path.dirname(out))
        results[n] = timed(build_command(sitegen, content, templates, out, clean=True))
        line = f"{n:>6} articles: sitegen cold {results[n][0]:7.2f} s {results[n][1]:7.0f} MB peak"
        if with_hugo:
            hugo_out = os.path.join(args.work, f"hugo-scale{n}")
            trash.set_aside(hugo_out)
            wall, mem = timed(["hugo", "--quiet", "--source", twin, "--destination", hugo_out])
            line += f"   Hugo {wall:7.2f} s {mem:7.0f} MB   ratio {results[n][0] / wall:.3f}x time, {results[n][1] / mem:.3f}x memory"
        print(line, flush=True)
    print(f"100k / 10k time: {results[100000][0] / results[10000][0]:.2f}x (target <= 11)   "
          f"100k peak memory: {results[100000][1]:.0f} MB (target <= 1024)")


def floor(sitegen, args, content, twin, templates, trash):
    """Cold builds with the shipped templates and with title-only ones, interleaved with Hugo."""
    bare = os.path.join(args.work, "Templates-title-only")
    shutil.rmtree(bare, ignore_errors=True)
    shutil.copytree(templates, bare)
    for folder, _, names in os.walk(bare):
        for name in names:
            if name.endswith(".mustache"):
                with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                    f.write("{{title}}\n")
    out = os.path.join(args.work, "floor", "Public")
    hugo_out = os.path.join(args.work, "hugo-out")
    figures = {"shipped": [], "hugo": [], "title-only": []}
    for round_ in range(args.rounds):
        for key, cmd, target in [
            ("shipped", build_command(sitegen, content, templates, out, clean=True), out),
            ("hugo", ["hugo", "--quiet", "--source", twin, "--destination", hugo_out], hugo_out),
            ("title-only", build_command(sitegen, content, bare, out, clean=True), out),
        ]:
            trash.set_aside(target)
            figures[key].append(timed(cmd))
        print(f"round {round_ + 1}: " + ", ".join(f"{k} {v[-1][0]:.2f}s" for k, v in figures.items()), flush=True)
    print(f"\n{args.articles} articles, {args.rounds} interleaved rounds, medians:")
    for key, label in [("shipped", "sitegen cold, shipped templates"), ("hugo", "Hugo cold build"),
                       ("title-only", "sitegen cold, title-only templates")]:
        wall = statistics.median(t for t, _ in figures[key])
        paired = statistics.median(t / h for (t, _), (h, _) in zip(figures[key], figures["hugo"]))
        print(f"{label:<38}{wall:7.2f} s  {paired:.3f}x Hugo (per round)")
    share = statistics.median((s - b) / s for (s, _), (b, _) in zip(figures["shipped"], figures["title-only"]))
    print(f"templates' share of the cold build's wall time: {share:.0%}")


if __name__ == "__main__":
    main()
