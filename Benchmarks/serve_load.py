#!/usr/bin/env python3
"""Load on `sitegen serve`, on loopback only: throughput, latency, failures, the server's memory,
and the same while edits make it rebuild.

    Benchmarks/serve_load.py [--binary .build/release/sitegen] [--articles 2000] [--requests 20000]
                             [--clients 32] [--seconds 60] [--ab]

Generates an archive (../shared/bench/gen_corpus.py; --articles 0 uses the bundled Content),
starts the real binary on a free port of 127.0.0.1 and runs two phases of at most --requests
requests or --seconds seconds each, whichever ends first:
  steady   — no edits;
  rebuilds — an article's title is edited every 0.5 s, so the server keeps rebuilding and swapping
             Public/ while it answers.
Clients are threads speaking raw HTTP: half keep one HTTP/1.1 connection open (keep-alive), half
are HTTP/1.0 clients with a new connection per request, which the server must close after each
answer. The mix: article, page and issue pages (60 %), assets (20 %), missing pages (10 %, 404)
and path traversal attempts (10 %, 404, never the secret file beside the site).
A request fails when the connection breaks or times out (10 s), the status is not the expected
one, the body is shorter or longer than Content-Length, an HTML page is not whole (ends before
`</html>`), an HTTP/1.0 connection is left open, or the secret is served.
Prints, per phase: requests/s, p50/p99 latency, failures by kind, and the server's peak resident
memory (VmHWM). With --ab it also runs ApacheBench (`ab -n 20000 -c 64`, an HTTP/1.0 client,
then with -k) against an article page and prints its requests/s and failed requests.
A benchmark: it exits 1 only when a request failed.
"""
import argparse, os, random, re, shutil, socket, statistics, subprocess, sys, tempfile, threading, time

from serve_project import ROOT, free_port, make_project
HOST = "127.0.0.1"  # loopback only, by design
SECRET = "SECRET-OUTSIDE-THE-SITE"
TRAVERSALS = ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt", "/..%2fsecret.txt",
              "/assets/%2e%2e/%2e%2e/secret.txt", "/.%2e/secret.txt", "//secret.txt", "/%00/../secret.txt"]


class Failure(Exception):
    pass


def read_answer(sock, buffer, head_only=False):
    """(status, headers, body, rest of buffer) of one response."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise Failure("closed before a response")
        buffer += chunk
    head, buffer = buffer.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if head_only or status == 304:
        return status, headers, b"", buffer
    if "content-length" not in headers:
        raise Failure("no Content-Length")
    length = int(headers["content-length"])
    while len(buffer) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise Failure(f"body cut short: {len(buffer)} of {length} bytes")
        buffer += chunk
    return status, headers, buffer[:length], buffer[length:]


def check(target, kind, status, body, markers):
    expected = 200 if kind in ("page", "asset") else 404
    if status != expected:
        raise Failure(f"status {status} for {kind}")
    if SECRET.encode() in body:
        raise Failure("the secret beside the site was served")
    if kind == "page":
        if b"</html>" not in body:
            raise Failure("half a page")
        if markers is not None and target == markers[0]:
            shown = [m for m in markers[1] if m.encode() in body]
            if not shown:
                raise Failure("edited page without any title it was given")
            return shown[-1]


class Client(threading.Thread):
    """HTTP/1.1 keep-alive (one connection) or HTTP/1.0 (one connection per request)."""

    def __init__(self, port, version, targets, budget, deadline, seed, markers):
        super().__init__(daemon=True)
        self.port, self.version, self.targets, self.budget, self.deadline = port, version, targets, budget, deadline
        self.random = random.Random(seed)
        self.markers = markers
        self.latencies, self.failures = [], {}

    def connect(self):
        sock = socket.create_connection((HOST, self.port), timeout=10)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def run(self):
        sock, buffer = None, b""
        while self.budget.take() and time.time() < self.deadline:
            target, kind = self.random.choice(self.targets)
            start = time.perf_counter()
            try:
                if self.version == "1.0":
                    with self.connect() as one:
                        one.sendall(f"GET {target} HTTP/1.0\r\nHost: {HOST}\r\n\r\n".encode())
                        status, headers, body, rest = read_answer(one, b"")
                        if rest or one.recv(1):
                            raise Failure("HTTP/1.0 connection left open")
                else:
                    if sock is None:
                        sock, buffer = self.connect(), b""
                    sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
                    status, headers, body, buffer = read_answer(sock, buffer)
                    if headers.get("connection", "").lower() == "close":
                        sock.close(); sock = None
                shown = check(target, kind, status, body, self.markers.get())
                if shown:
                    self.markers.seen.add(shown)
                self.latencies.append(time.perf_counter() - start)
            except (OSError, Failure, ValueError, IndexError) as error:
                reason = f"{kind}: {error}" if isinstance(error, Failure) else f"{kind}: {type(error).__name__} {error}"
                self.failures[reason] = self.failures.get(reason, 0) + 1
                if sock is not None:
                    sock.close(); sock = None
        if sock is not None:
            sock.close()


class Budget:
    def __init__(self, count):
        self.left, self.lock = count, threading.Lock()

    def take(self):
        with self.lock:
            self.left -= 1
            return self.left >= 0


class Markers:
    """The edited article's address and every title it has been given so far."""

    def __init__(self):
        self.value, self.lock = None, threading.Lock()
        self.seen = set()  # titles the edited page was served with

    def get(self):
        with self.lock:
            return None if self.value is None else (self.value[0], list(self.value[1]))

    def add(self, target, marker):
        with self.lock:
            if self.value is None:
                self.value = (target, [])
            self.value[1].append(marker)


def peak_memory_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def phase(name, port, targets, args, markers, pid):
    budget = Budget(args.requests)
    deadline = time.time() + args.seconds
    clients = [Client(port, "1.1" if i % 2 == 0 else "1.0", targets, budget, deadline, i, markers) for i in range(args.clients)]
    start = time.perf_counter()
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    elapsed = time.perf_counter() - start
    latencies = sorted(l for c in clients for l in c.latencies)
    failures = {}
    for c in clients:
        for reason, count in c.failures.items():
            failures[reason] = failures.get(reason, 0) + count
    done = len(latencies) + sum(failures.values())
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else float("nan")
    print(f"{name:9} {done} requests in {elapsed:.1f} s: {done / elapsed:.0f} requests/s, p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, "
          f"failed {sum(failures.values())}, server peak RSS {peak_memory_mb(pid):.0f} MB")
    for reason, count in sorted(failures.items()):
        print(f"          failed {count}× {reason}")
    return sum(failures.values())


def editor(article, target, markers, stop, count):
    original = open(article, encoding="utf-8").read()
    title = re.search(r"^title: (.*)$", original, re.M).group(1)
    markers.add(target, title.strip("\"'"))
    n = 0
    while not stop.wait(0.5):
        marker = f"负载改动{n}号"
        markers.add(target, marker)  # before the save: a page may show it from then on
        tmp = article + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(original.replace(f"title: {title}", f"title: {marker}", 1))
        os.replace(tmp, article)
        n += 1
    count.append(n)
    os.replace(article, article + ".bak")
    with open(article, "w", encoding="utf-8") as f:
        f.write(original)
    os.remove(article + ".bak")


def run_ab(port, target):
    if not shutil.which("ab"):
        print("ab: not installed (apt-get install apache2-utils)")
        return 0
    failed_total = 0
    for flags in ([], ["-k"]):
        cmd = ["ab", *flags, "-q", "-s", "10", "-n", "20000", "-c", "64", f"http://{HOST}:{port}{target}"]
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600).stdout
        field = lambda label: (re.search(rf"^{label}:\s+(.*)$", out, re.M) or [None, "?"])[1]
        failed = field("Failed requests")
        kinds = re.search(r"\(Connect: .*\)", out)
        failed_total += int(failed) if failed.isdigit() else 1
        print(f"{' '.join(cmd[:-1])} {target}: {field('Complete requests')} complete, failed {failed}, "
              f"non-2xx {field('Non-2xx responses') if 'Non-2xx' in out else 0}, keep-alive {field('Keep-Alive requests') if flags else '-'}, "
              f"{field('Requests per second')}, mean {field('Time per request')}" + (f"; failures {kinds.group(0)}" if failed != "0" and kinds else ""))
    return failed_total


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/sitegen"), help="the sitegen binary to serve with")
    parser.add_argument("--articles", type=int, default=2000, help="generated archive size; 0: the bundled Content")
    parser.add_argument("--requests", type=int, default=20000, help="requests per phase at most")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (half HTTP/1.1 keep-alive, half HTTP/1.0)")
    parser.add_argument("--seconds", type=float, default=60, help="seconds per phase at most")
    parser.add_argument("--ab", action="store_true", help="also run ab -n 20000 -c 64, without and with -k")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)

    work = tempfile.mkdtemp(prefix="serve-load-")
    server = None
    try:
        content = make_project(work, args.articles)
        with open(os.path.join(work, "secret.txt"), "w") as f:
            f.write(SECRET + "\n")
        port = free_port(HOST)
        server = subprocess.Popen([binary, "serve", "--port", str(port)], cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 600
        while not os.path.exists(os.path.join(work, "Public", "index.html")) or not port_open(port):
            if time.time() > deadline or server.poll() is not None:
                sys.exit("the server did not start")
            time.sleep(0.2)

        public = os.path.join(work, "Public")
        pages, assets = [], []
        for folder, _, files in os.walk(public):
            for name in files:
                path = "/" + os.path.relpath(os.path.join(folder, name), public)
                if name.endswith(".html"):
                    pages.append(path)
                elif path.startswith("/assets/"):
                    assets.append(path)
        pages.sort(); assets.sort()
        rng = random.Random(1)
        sample = rng.sample(pages, min(len(pages), 600))
        articles = sorted(p for p in pages if re.match(r"^/\d{4}/\d\d/\d\d/[^/]+/\d+\.html$", p))
        edited_target = articles[len(articles) // 2]
        sample.append(edited_target)
        targets = ([(p, "page") for p in sample] * 6 + [(a, "asset") for a in assets] * (2 * len(sample) // max(1, len(assets)))
                   + [(f"/no/such/{i}.html", "missing") for i in range(len(sample))]
                   + [(t, "traversal") for t in TRAVERSALS] * (len(sample) // len(TRAVERSALS)))
        targets += [(edited_target, "page")] * (len(targets) // 50)
        print(f"{args.articles or 'bundled'} articles, {len(pages)} pages, {len(assets)} assets; {args.clients} clients "
              f"(half HTTP/1.1 keep-alive, half HTTP/1.0), at most {args.requests} requests or {args.seconds:.0f} s per phase; "
              f"binary {binary}")

        failed = phase("steady", port, targets, args, Markers(), server.pid)
        markers, stop, count = Markers(), threading.Event(), []
        article = os.path.join(content, edited_target.lstrip("/")[:-5] + ".md")
        edits = threading.Thread(target=editor, args=(article, edited_target, markers, stop, count))
        edits.start()
        time.sleep(0.1)
        failed += phase("rebuilds", port, targets, args, markers, server.pid)
        stop.set(); edits.join()
        print(f"          {count[0]} edits saved during the rebuilds phase ({edited_target}); "
              f"the page was served with {len(markers.seen)} different titles, each page whole")
        if args.ab:
            # ab counts an answer whose length differs from the first as failed: wait until the
            # rebuild of the restored article is served.
            settle = time.time() + 60
            while markers.get()[1][0] not in fetch(port, edited_target) and time.time() < settle:
                time.sleep(0.2)
            time.sleep(1)
            failed += run_ab(port, edited_target)
        print(f"server peak RSS over the whole run: {peak_memory_mb(server.pid):.0f} MB")
        return 1 if failed else 0
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)


def fetch(port, target):
    try:
        with socket.create_connection((HOST, port), timeout=10) as sock:
            sock.sendall(f"GET {target} HTTP/1.0\r\nHost: {HOST}\r\n\r\n".encode())
            return read_answer(sock, b"")[2].decode("utf-8", "replace")
    except (OSError, Failure, ValueError):
        return ""


def port_open(port):
    try:
        with socket.create_connection((HOST, port), timeout=1):
            return True
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(main())
