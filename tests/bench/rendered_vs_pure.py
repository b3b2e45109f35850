"""The rendered path beside the pure path, on every page of a benchmark, through the batch CLI.

Each saved page is served from 127.0.0.1 with the charset its server would have sent (the one
its markup declares, else UTF-8), the ``extractor`` command renders the whole list in one batch
(``--urls FILE --out-dir DIR --format json``), and the same bytes go through the pure path
(``extract_html``, no browser) with the same URL. Both are scored with the official metric and
printed side by side, for the whole corpus and for each part of the split (tests/bench/split.py),
followed by the pages where the two paths differ most and every page the CLI failed.

Nothing is blocked: requests to other hosts fail as they would on a machine without network.

  .venv/bin/python -m tests.bench.rendered_vs_pure
  .venv/bin/python -m tests.bench.rendered_vs_pure --bench ../shared/benchmarks/classic-mix --limit 80
  .venv/bin/python -m tests.bench.rendered_vs_pure --ids 0a1b2c 3d4e5f --worst 20
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from extractor.browser.served import decode_html
from extractor.pipeline import extract_html
from tests.bench.run import DEFAULT_BENCH, DEFAULT_SCORE, load_score
from tests.bench.split import MEASURE, TUNE, part, split
from tests.pageserver import serve_handler

# a charset declared in the first bytes of the markup (<meta charset> or http-equiv)
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# "extractor: [3/40] http://127.0.0.1:PORT/ID.html: reason" on the CLI's stderr
_FAILED = re.compile(
    r"^extractor: (?:\[\d+/\d+\] )?(http://127\.0\.0\.1:\d+/([^/\s]+)\.html): (.*)$"
)


def served_charset(body: bytes) -> str:
    """The charset the page's server would send: what its markup declares, else UTF-8."""
    found = _DECLARED.search(body[:4096])
    if found:
        name = found.group(1).decode("ascii").lower()
        try:
            "".encode(name)
        except LookupError:
            return "utf-8"
        return name
    return "utf-8"


def load(
    bench: Path, ids: list[str] | None, limit: int | None
) -> tuple[dict[str, bytes], dict[str, str]]:
    truth: dict[str, dict[str, Any]] = json.loads((bench / "ground-truth.json").read_text("utf-8"))
    wanted = ids or sorted(truth)
    if limit:
        wanted = wanted[:limit]
    bodies = {
        pid: gzip.decompress((bench / "html" / f"{pid}.html.gz").read_bytes()) for pid in wanted
    }
    return bodies, {pid: truth[pid].get("articleBody") or "" for pid in wanted}


@contextmanager
def serve(bodies: dict[str, bytes]) -> Iterator[str]:
    """``/<id>.html`` from memory on a free loopback port, each with its charset; yields the origin."""
    pages = {f"/{pid}.html": (body, served_charset(body)) for pid, body in bodies.items()}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body, charset = pages.get(self.path.split("?")[0], (b"", "utf-8"))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", f"text/html; charset={charset}")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    with serve_handler(Handler) as origin:
        yield origin


def run_cli(
    origin: str, ids: list[str], work: Path, extra: list[str]
) -> tuple[dict[str, str], dict[str, str], float]:
    """The batch command over every page: Markdown and failure by id, and the wall-clock seconds."""
    listing = work / "urls.txt"
    listing.write_text("".join(f"{origin}/{pid}.html\n" for pid in ids), "utf-8")
    out_dir = work / "out"
    command = [sys.executable, "-m", "extractor", "--urls", str(listing), "--out-dir", str(out_dir),
               "--format", "json", "--force", *extra]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    outputs: dict[str, str] = {}
    for path in out_dir.glob("*.json"):
        data = json.loads(path.read_text("utf-8"))
        pid = data["url"].rsplit("/", 1)[-1].removesuffix(".html")
        outputs[pid] = data.get("markdown") or ""
    failures = {m.group(2): m.group(3) for m in map(_FAILED.match, done.stderr.splitlines()) if m}
    return outputs, failures, seconds


def run_pure(bodies: dict[str, bytes], origin: str) -> tuple[dict[str, str], float]:
    outputs: dict[str, str] = {}
    start = time.perf_counter()
    for pid, body in bodies.items():
        html = decode_html(body, f"text/html; charset={served_charset(body)}")
        outputs[pid] = extract_html(html, url=f"{origin}/{pid}.html").markdown
    return outputs, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="html/ + ground-truth.json")
    ap.add_argument("--score-py", type=Path, default=DEFAULT_SCORE, help="the official scorer")
    ap.add_argument("--ids", nargs="+", help="only these page ids")
    ap.add_argument("--limit", type=int, help="only the first N ids (sorted)")
    ap.add_argument("--worst", type=int, default=10, help="how many differing pages to list")
    ap.add_argument("--cli-args", default="--concurrency 2 --timeout 30", help="extra CLI options")
    args = ap.parse_args(argv)

    bodies, truth = load(args.bench, args.ids, args.limit)
    scorer = load_score(args.score_py)
    with tempfile.TemporaryDirectory(prefix="extractor-rvp-") as tmp, serve(bodies) as origin:
        rendered, failures, cli_s = run_cli(origin, list(bodies), Path(tmp), args.cli_args.split())
        pure, pure_s = run_pure(bodies, origin)
    print(
        f"{args.bench.name}: {len(bodies)} pages; batch CLI {cli_s:.1f} s, pure path {pure_s:.1f} s"
    )
    parts = {"all": list(bodies), **split(bodies)}
    per_page: dict[str, dict[str, float]] = {}
    print(f"{'part':<8} {'n':>4} {'pure F1':>8} {'rendered F1':>12} {'diff':>8}")
    for name in ("all", TUNE, MEASURE):
        ids = parts[name]
        if not ids:
            continue
        res_p, rows_p = scorer.score(truth, pure, ids, markdown="strip", n_bootstrap=0)
        res_r, rows_r = scorer.score(truth, rendered, ids, markdown="strip", n_bootstrap=0)
        if name == "all":
            for rp, rr in zip(rows_p, rows_r, strict=True):
                per_page[str(rp["page_id"])] = {
                    "pure": float(rp["f1"]),
                    "rendered": float(rr["f1"]),
                }
        diff = res_r["f1"] - res_p["f1"]
        print(f"{name:<8} {len(ids):>4} {res_p['f1']:>8.4f} {res_r['f1']:>12.4f} {diff:>+8.4f}")
    ranked = sorted(per_page.items(), key=lambda kv: -abs(kv[1]["pure"] - kv[1]["rendered"]))
    print(
        f"pages where the paths differ most (of {sum(1 for v in per_page.values() if v['pure'] != v['rendered'])} that differ):"
    )
    for pid, f1 in ranked[: args.worst]:
        if f1["pure"] == f1["rendered"]:
            break
        note = f"  [{failures[pid]}]" if pid in failures else ""
        print(
            f"  {pid:<40} pure {f1['pure']:.3f} rendered {f1['rendered']:.3f} ({part(pid)}){note}"
        )
    if failures:
        print(f"failed in the CLI: {len(failures)}")
        for pid, why in sorted(failures.items()):
            print(f"  {pid}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
