#!/usr/bin/env python3
"""Ingest fidelity: every page of the labelled corpus ingested by the built sitegen binary, each
into a fresh Content folder, and compared with the corpus's hand-read expected.json (see its
`_doc`). Prints per-field right/total, every miss, and last a line `fields R/T`.

    Benchmarks/ingest_fidelity.py [--corpus ../shared/samples/corpus] [--binary PATH] [--json]

Fields: title (title, title_has or title_any), kicker, date, page, page_name, authors (every
expected name among the front matter's authors), pages (the 版 in issue.yml's page list), listing
(a page view: issue.yml recorded, no article titled with a 版 label) and reject (nothing written,
a reason printed, exit 1). Whitespace is ignored, full- and half-width ，：（） are equal, page
labels are compared without leading zeros. When the expectation has no date or page and ingest
asks for one, the run is repeated with --date / --page, as a user would after the message.
--json prints the results per page instead (what Tests/…/IngestCorpusTests pins).
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile

try:
    import yaml
except ImportError:  # the front matter ingest writes is simple enough to read by hand
    yaml = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIELDS = ["title", "kicker", "date", "page", "page_name", "authors", "pages", "listing", "reject"]
WIDTH = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")"})
PAGE_LABEL = re.compile(r"^第?\s*[A-Za-z]{0,2}\s*\d{1,4}\s*版")


def norm(text):
    return re.sub(r"\s+", "", str(text)).translate(WIDTH)


def norm_page(label):
    match = re.fullmatch(r"([A-Za-z]*)0*(\d+)", norm(label))
    return (match.group(1).upper() + match.group(2)) if match else norm(label)


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    head = text.split("\n---\n", 1)[0].lstrip("-\n")
    if yaml:
        return yaml.safe_load(head) or {}
    fields, key = {}, None
    for line in head.splitlines():
        if line.startswith("  - ") and key:
            fields.setdefault(key, []).append(line[4:].strip().strip('"'))
        elif ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip().strip('"') or []
    return fields


def read_listing(path):
    text = open(path, encoding="utf-8").read()
    if yaml:
        listing = yaml.safe_load(text) or {}
        listing["date"] = str(listing.get("date"))
        return listing
    date = re.search(r"^date: *(\S+)", text, re.M)
    return {"date": date.group(1) if date else None, "raw": text}


def ingest(binary, page_file, content, extra):
    run = subprocess.run([binary, "ingest", page_file, "--content", content] + extra,
                         capture_output=True, text=True, timeout=60)
    return run.returncode, run.stdout + run.stderr


def run_page(binary, corpus, name, expected, work):
    page_file = next(os.path.join(corpus, name + ext) for ext in (".txt", ".html", ".htm")
                     if os.path.exists(os.path.join(corpus, name + ext)))
    content = os.path.join(work, name, "Content")
    os.makedirs(content)
    extra = []
    code, output = ingest(binary, page_file, content, extra)
    # As a user would: the message asks for --date or --page, the page does not carry it.
    for option, field, value in (("--date", "date", "2000-01-01"), ("--page", "page", "1")):
        if code == 1 and option in output and field not in expected and option not in extra:
            extra += [option, value]
            shutil.rmtree(content)
            os.makedirs(content)
            code, output = ingest(binary, page_file, content, extra)
    articles, listings = [], []
    for folder, _, files in os.walk(content):
        for file in files:
            path = os.path.join(folder, file)
            if file.endswith(".md"):
                articles.append(front_matter(path))
            elif file == "issue.yml":
                listings.append(read_listing(path))
    return {"code": code, "output": output.strip(), "articles": articles, "listings": listings,
            "crashed": code not in (0, 1)}


def listed_pages(listings):
    if not listings:
        return None
    listing = listings[0]
    if "pages" in listing and isinstance(listing["pages"], list):
        return len(listing["pages"])
    return len(re.findall(r"^  - page:", listing.get("raw", ""), re.M))


def score(expected, result):
    """(field, right, shown, wanted) for every field the expectation sets."""
    checks = []
    kind = expected["kind"]
    articles, listings = result["articles"], result["listings"]
    listing_date = listings[0].get("date") if listings else None
    if kind == "reject":
        right = result["code"] == 1 and not articles and not listings and "rejected" in result["output"]
        checks.append(("reject", right, f"exit {result['code']}, {len(articles)} articles", "rejected, nothing written"))
        return checks
    if kind == "listing":
        titled = [a for a in articles if PAGE_LABEL.match(str(a.get("title", "")))]
        right = bool(listings) and not titled
        checks.append(("listing", right, f"{len(listings)} issue.yml, {len(titled)} articles titled as a 版",
                       "issue.yml, no 版-titled article"))
        if "date" in expected:
            checks.append(("date", listing_date == expected["date"], listing_date, expected["date"]))
        if "pages" in expected:
            count = listed_pages(listings)
            checks.append(("pages", count == expected["pages"], count, expected["pages"]))
        return checks
    article = articles[0] if len(articles) == 1 else None
    got = lambda key: None if article is None else article.get(key)
    title = got("title")
    shown_title = title if article else f"{len(articles)} articles ({result['output'][-160:]})"
    if "title" in expected:
        checks.append(("title", title is not None and norm(title) == norm(expected["title"]), shown_title, expected["title"]))
    elif "title_has" in expected:
        checks.append(("title", title is not None and norm(expected["title_has"]) in norm(title), shown_title,
                       "… " + expected["title_has"] + " …"))
    elif "title_any" in expected:
        checks.append(("title", title is not None and norm(title) in map(norm, expected["title_any"]), shown_title,
                       " or ".join(expected["title_any"])))
    for key, field in (("kicker", "kicker"), ("page_name", "page_name")):
        if key in expected:
            value = got(field)
            checks.append((key, value is not None and norm(value) == norm(expected[key]), value, expected[key]))
    if "date" in expected:
        value = got("date")
        checks.append(("date", value is not None and str(value) == expected["date"], str(value), expected["date"]))
    if "page" in expected:
        value = got("page")
        checks.append(("page", value is not None and norm_page(value) == norm_page(expected["page"]), value, expected["page"]))
    if "authors" in expected:
        value = got("authors") or []
        names = {norm(name) for name in value}
        checks.append(("authors", article is not None and all(norm(n) in names for n in expected["authors"]),
                       value, expected["authors"]))
    if "pages" in expected:
        count = listed_pages(listings)
        checks.append(("pages", count == expected["pages"], count, expected["pages"]))
    return checks


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "samples", "corpus"),
                        help="folder with the pages, their .url files and expected.json")
    parser.add_argument("--binary", help="the sitegen binary (default: swift build's debug binary, built first)")
    parser.add_argument("--json", action="store_true", help="print each page's results as JSON")
    args = parser.parse_args()
    if not os.path.isdir(args.corpus) and os.path.isdir("/work/shared/samples/corpus"):
        args.corpus = "/work/shared/samples/corpus"
    binary = args.binary
    if not binary:
        subprocess.run(["swift", "build", "--product", "sitegen"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        binary = os.path.join(subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                                             capture_output=True, text=True).stdout.strip(), "sitegen")
    expected_all = json.load(open(os.path.join(args.corpus, "expected.json"), encoding="utf-8"))
    work = tempfile.mkdtemp(prefix="sitegen-fidelity-")
    tally = {field: [0, 0] for field in FIELDS}
    misses, crashes, per_page = [], [], {}
    try:
        for name, expected in sorted(expected_all.items()):
            if name.startswith("_"):
                continue
            result = run_page(binary, args.corpus, name, expected, work)
            if result["crashed"]:
                crashes.append(f"{name}: exit {result['code']}: {result['output'][-300:]}")
            checks = score(expected, result)
            per_page[name] = {field: right for field, right, _, _ in checks}
            for field, right, shown, wanted in checks:
                tally[field][1] += 1
                tally[field][0] += right
                if not right:
                    misses.append(f"{name}  {field}: got {shown!r}, want {wanted!r}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(per_page, ensure_ascii=False, indent=1, sort_keys=True))
        return
    for field in FIELDS:
        right, total = tally[field]
        if total:
            print(f"{field:10} {right:3}/{total:<3} {right / total:.2f}")
    print(f"\nmisses ({len(misses)}):")
    for miss in misses:
        print("  " + miss)
    print(f"\ncrashes: {len(crashes)}")
    for crash in crashes:
        print("  " + crash)
    right = sum(r for r, _ in tally.values())
    total = sum(t for _, t in tally.values())
    print(f"fields {right}/{total} ({right / total:.2f})")


if __name__ == "__main__":
    sys.exit(main())
