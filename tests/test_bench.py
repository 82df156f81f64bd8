"""The bench scripts (bench/) are run by hand, not by the suite: each still starts and
parses its arguments, and the pages Lighthouse measures are pages the demo site names.
Nothing here starts the demo site, a browser or Lighthouse; the pages bench measures the
test server, briefly."""

import importlib.util
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from directory import signals

BENCH = Path(__file__).resolve().parents[1] / "bench"
SCRIPTS = sorted(
    path.name for path in BENCH.glob("*.py") if "def main(" in path.read_text(encoding="utf-8")
)


def bench_module(name, monkeypatch):
    """bench/NAME.py imported as `python bench/NAME.py` would (bench/ on the path), under a
    name of its own: bench/directory.py must not shadow the directory app."""
    monkeypatch.syspath_prepend(str(BENCH))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_bench_script_is_found():
    assert {"lighthouse.py", "screenshots.py", "directory.py"} <= set(SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_bench_script_imports_and_parses_its_arguments(script):
    """`--help` answers before any work; an unknown option is refused with a usage line."""
    run = [sys.executable, str(BENCH / script)]
    helped = subprocess.run([*run, "--help"], capture_output=True, text=True, timeout=60)
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("usage:")
    refused = subprocess.run([*run, "--no-such-option"], capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2
    assert "unrecognized arguments: --no-such-option" in refused.stderr


def test_lighthouse_measures_pages_the_demo_site_names(db, monkeypatch, capsys):
    """Every page in lighthouse.py's list is one bench/server.py looks up (found, or noted
    as missing from this empty database), so none is silently left out of the table."""
    lighthouse = bench_module("lighthouse", monkeypatch)
    server = bench_module("server", monkeypatch)
    server.page_urls()
    found = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    named = {who: set(pages) for who, pages in found["pages"].items()}
    noted = {note.split(":")[0] for note in found["notes"]}
    assert set(lighthouse.PUBLIC) <= named["public"] | noted
    assert set(lighthouse.SIGNED_IN) <= named["member"] | noted
    assert "home" in noted and "directory" in named["public"]  # an empty site: no home page


def test_lighthouse_measures_the_pages_asked_for_and_keeps_the_median_run(monkeypatch):
    lighthouse = bench_module("lighthouse", monkeypatch)
    _parser, options = lighthouse.parse_arguments(["--pages", "directory", "my space"])
    assert (options.pages, options.runs) == (["directory", "my space"], 1)
    runs = [
        {"categories": {"performance": {"score": score}}, "run": n}
        for n, score in enumerate([0.9, 0.7, 0.99])
    ]
    assert lighthouse.median_run(runs)["run"] == 0
    with pytest.raises(SystemExit):
        lighthouse.parse_arguments(["--runs", "0"])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the site's root page stays
@pytest.mark.usefixtures("page_cache")
def test_the_pages_bench_measures_built_and_cached_pages_and_the_floors(
    live_server, home_pages, monkeypatch, capsys
):
    """A quick run of bench/pages.py's measurements against the test server (its CPU
    time is this process's, and its versions are moved in this process): each page is
    found in the page cache, and each row and the ratio to the static file are printed."""
    pages = bench_module("pages", monkeypatch)
    _parser, options = pages.parse_arguments(
        ["--requests", "2", "--changes", "2", "--seconds", "0.2", "--rounds", "1"]
        + ["--threads", "2"]
    )
    port = int(live_server.url.rsplit(":", 1)[1])
    server = pages.Server(port, time.process_time)
    measured = [("home", "/fr/"), ("directory", "/fr/producteurs/"), ("search", "/fr/recherche/")]
    moved = []

    class Changes:
        def move(self):
            signals.bump(signals.VERSION_KEY)
            moved.append(signals.data_version())

    pages.measure(server, Changes(), measured, options)
    table = capsys.readouterr().out
    for name in ("static file", "trivial view"):
        assert re.search(rf"^{name} +\d+\.\d\d +\d+\.\d +\d+ ", table, re.MULTILINE), table
    for name in ("home", "directory"):
        row = rf"^{name} +\d+\.\d\d +\d+\.\d +\d+\.\d +\d+\.\d\d +\d+\.\d +\d+ +\d+\.\d\d "
        assert re.search(row, table, re.MULTILINE), table
    # a search is built for every visitor: measured, compared with bakerydemo's, never cached
    assert re.search(
        r"^search +\d+\.\d\d +\d+\.\d +\d+\.\d +\d+\.\d\d +\d+\.\d +\(not cached\)",
        table,
        re.M,
    )
    assert len(set(moved)) == len(moved) == 2 * len(measured)  # each before its request
    assert "Lowest cached page to static file, by req/s" in table
    assert "Highest built page to its goal" in table
