"""Lighthouse's scores of the site's main pages, on its mobile profile, as a table.

    make lighthouse        # installs bench/package.json's Lighthouse (npm ci), then this

Lighthouse runs offline against the demo site (bench/server.py: production settings,
gunicorn, static files from whitenoise), driving Debian's Chromium (CHROME_PATH), never a
downloaded browser. Pages: home, directory list, a producer, a product, an event, the
funding index, the Carte proximité guide and, signed in as the demo member, My space.
Each page is asked for once before it is measured, so the page cache is warm, as on a
site people visit. The machine's load shows in performance and TBT: compare runs made
on a quiet machine, or take the median of several (--runs 3, as Lighthouse's own
documentation advises); --pages measures some of the pages only."""

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

import requests
from server import CHROMIUM, MEMBER, REPO, demo_site

LIGHTHOUSE = REPO / "bench" / "node_modules" / ".bin" / "lighthouse"
PUBLIC = ["home", "directory", "producer", "product", "event", "funding index", "Carte proximité"]
SIGNED_IN = ["my space"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def measure(url, report, headers=None):
    """One Lighthouse run; returns its JSON report."""
    args = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run "
        "--disable-background-networking --disable-component-update --disable-sync",
    ]
    if headers:
        args.append(f"--extra-headers={json.dumps(headers)}")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(args, env=env, check=True, timeout=300)
    return json.loads(Path(report).read_text())


def row(name, result):
    scores = [round(result["categories"][c]["score"] * 100) for c in CATEGORIES]
    audits = result["audits"]
    lcp = audits["largest-contentful-paint"]["numericValue"] / 1000
    cls = audits["cumulative-layout-shift"]["numericValue"]
    tbt = audits["total-blocking-time"]["numericValue"]
    return [name, *map(str, scores), f"{lcp:.1f} s", f"{cls:.3f}", f"{tbt:.0f} ms"]


def failing_audits(result):
    """The audits that cost points outside performance, for the reader to act on."""
    names = set()
    for category in CATEGORIES[1:]:
        for ref in result["categories"][category]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                names.add(f"{category}: {audit['id']}")
    return sorted(names)


def print_table(rows):
    header = ["page", "performance", "accessibility", "best practices", "SEO", "LCP", "CLS"]
    header.append("TBT")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for line in [header, ["-" * w for w in widths], *rows]:
        cells = [line[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells))


def median_run(results):
    """Of several runs of one page, the one of median performance (its other scores and
    metrics with it, so that the row is one real run)."""
    ranked = sorted(results, key=lambda result: result["categories"]["performance"]["score"])
    return ranked[(len(ranked) - 1) // 2]


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", help="keep Lighthouse's JSON reports in this folder")
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        choices=range(1, 10),
        metavar="N",
        help="runs per page, the median kept (default 1)",
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        choices=PUBLIC + SIGNED_IN,
        metavar="PAGE",
        help=f"measure only these pages (of: {', '.join(PUBLIC + SIGNED_IN)})",
    )
    return parser, parser.parse_args(argv)


def main():
    parser, options = parse_arguments()
    wanted = options.pages or PUBLIC + SIGNED_IN
    if not LIGHTHOUSE.exists():
        parser.error("Lighthouse is not installed: run `make lighthouse` (npm ci --prefix bench)")
    reports = Path(options.reports or tempfile.mkdtemp(prefix="salim-lighthouse-"))
    reports.mkdir(parents=True, exist_ok=True)
    rows, problems = [], {}
    with demo_site() as site:
        found = site.query("from bench.server import page_urls; page_urls()")
        pages = [
            (name, found["pages"]["public"].get(name), None) for name in PUBLIC if name in wanted
        ]
        member = found["pages"]["member"]
        for name in SIGNED_IN:
            if name in member and name in wanted:
                cookie = "=".join(site.session_cookie(MEMBER))
                pages.append((f"{name} (member)", member[name], {"Cookie": cookie}))
        for note in found["notes"]:
            if any(note.startswith(f"{name}:") for name in PUBLIC + SIGNED_IN):
                print(note)
        for name, path, headers in pages:
            if path is None:
                continue
            requests.get(site.url + path, headers=headers, timeout=60)  # warm the cache
            slug = name.split(" (")[0].replace(" ", "-").lower()
            results = []
            for run in range(1, options.runs + 1):
                suffix = f"-{run}" if options.runs > 1 else ""
                result = measure(site.url + path, reports / f"{slug}{suffix}.json", headers)
                if result.get("runtimeError"):
                    print(f"{name}: Lighthouse failed: {result['runtimeError']['message']}")
                else:
                    results.append(result)
            if not results:
                continue
            result = median_run(results)
            rows.append(row(name, result))
            problems[name] = failing_audits(result)
            print(f"measured {name}: {site.url + path}", flush=True)
    print()
    print_table(rows)
    print("\nAudits that cost points (accessibility, best practices, SEO):")
    for name, audits in problems.items():
        print(f"  {name}: {', '.join(audits) or 'none'}")
    print(f"\nReports: {reports}")


if __name__ == "__main__":
    main()
