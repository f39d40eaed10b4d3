"""What the serve benchmarks share: a project folder for `sitegen serve` and a free loopback port."""
import os, shutil, socket, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("SITEGEN_SHARED") or next(
    (p for p in (os.path.join(ROOT, "..", "shared"), os.path.join(ROOT, "..", "..", "shared")) if os.path.isdir(p)), "")


def make_project(work, articles):
    """Content (the bundled archive, or `articles` generated ones) and Templates under `work`;
    returns the Content folder."""
    content = os.path.join(work, "Content")
    if articles:
        subprocess.run([sys.executable, os.path.join(SHARED, "bench/gen_corpus.py"), "--articles", str(articles), "--out", content],
                       check=True, stdout=subprocess.DEVNULL)
    else:
        shutil.copytree(os.path.join(ROOT, "Content"), content)
    shutil.copytree(os.path.join(ROOT, "Templates"), os.path.join(work, "Templates"))
    return content


def free_port(host="127.0.0.1"):
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]
