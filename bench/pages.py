"""What each public page costs the server, built and from the page cache, next to the
floors of a trivial Django view and a static file, measured in one run.

    .venv/bin/python bench/pages.py [--requests 40] [--changes 10] [--seconds 3] [--rounds 3]
                                    [--threads 4]

The demo site runs under the production settings (bench/server.py: gunicorn with 2
workers, whitenoise, a fresh SQLite database); requests go straight to gunicorn (telling
it, as the proxy would, that the visitor came over HTTPS). For each public page type:

- built: the server CPU time per request (the gunicorn workers' user + system time, read
  from /proc, over --requests sequential requests), the figure that holds on a busy
  machine. The requests carry a session cookie that matches no session, so the page is
  built as for an anonymous visitor and the page cache is not used. What pages keep
  under the versions (the menu, the footer, the site and its home page, lists read
  across the directory) is then kept already.
- after a change: the same, for the first request after the directory changes (its
  version moved on, as a record saved does, through directory.signals.bump), which
  builds again what pages keep: the mean over --changes such requests.
- cached: the page as anonymous visitors get it, from the page cache: requests per
  second with --threads clients for --seconds, and its CPU time per request.

The floors are a trivial Django view (/robots.txt: a small template) and a static file
(/static/css/site.css from whitenoise), measured the same way. Each measurement is made
--rounds times, interleaved, and the median kept. Ratios: a cached page's requests per
second to the static file's (the goal: at least 0.5), by the clock and by CPU time (the
latter does not depend on what else the machine runs), and a built page's CPU time to
the trivial view's.

The goal for a built page is a third of the CPU time of its equivalent in Wagtail's own
demo site (bakerydemo), which cannot run from this repository: its figures, measured
once beside ours on one machine (BAKERYDEMO), are brought to this run's machine through
the static file, the floor both sites share (whitenoise), and the goal column is a
third of that."""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from server import REPO, demo_site

PUBLIC = [
    "home",
    "search",
    "directory",
    "directory, filtered",
    "producer",
    "product",
    "in season",
    "events",
    "event",
    "resources",
    "resource",
    "funding index",
    "funding guide",
    "Carte proximité",
    "standard page",
    "figures",
]
FILTERS = "?category=legumes&delivers_to=verdun"
NOT_CACHED = {"search"}  # addresses without end: built for every visitor
TRIVIAL = ("trivial view", "/robots.txt")
STATIC = ("static file", "/static/css/site.css")
UNCACHED = {"Cookie": "sessionid=bench-matches-no-session"}
# bakerydemo under production settings, SQLite, gunicorn with 2 workers, server CPU ms per
# request, measured beside this site on one machine (interleaved): our page → its
# equivalent, and the static file on that machine.
BAKERYDEMO = {
    "home": ("home", 158),
    "directory": ("/breads/", 128),
    "producer": ("a bread page", 56),
    "product": ("a blog post", 73),
    "events": ("/blog/", 88),
    "event": ("a blog post", 75),
    "search": ("search", 138),
}
BAKERYDEMO_STATIC_MS = 0.9
FLOOR_REQUESTS = 10  # × --requests: a floor costs a millisecond, the CPU clock ticks by 10
TICKS = os.sysconf("SC_CLK_TCK")


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=40, help="requests per CPU measurement")
    parser.add_argument(
        "--changes", type=int, default=10, help="requests after a change per measurement"
    )
    parser.add_argument("--seconds", type=float, default=3.0, help="length of a req/s measurement")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (median kept)")
    parser.add_argument("--threads", type=int, default=4, help="concurrent clients for req/s")
    parser.add_argument("--pages", nargs="+", choices=PUBLIC, default=PUBLIC, metavar="PAGE")
    options = parser.parse_args(argv)
    if (
        min(options.requests, options.changes, options.rounds, options.threads) < 1
        or options.seconds <= 0
    ):
        parser.error("--requests, --changes, --rounds, --threads and --seconds must be positive")
    return parser, options


class Server:
    """A server at a port, asked one request at a time; cpu_seconds() → its CPU time so far."""

    def __init__(self, port, cpu_seconds):
        self.port, self.cpu_seconds = port, cpu_seconds

    def get(self, path, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(
                "GET",
                path,
                headers={
                    "Host": "127.0.0.1",
                    "X-Forwarded-Proto": "https",
                    "X-Forwarded-For": "127.0.0.1",
                    **(headers or {}),
                },
            )
            response = connection.getresponse()
            response.read()
            return response.status, response.getheader("X-Page-Cache")
        finally:
            connection.close()


def workers_cpu(master_pid):
    """A function giving the user + system time of every worker of gunicorn's master."""

    def cpu_seconds():
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
        total = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (after the name)
        return total / TICKS

    return cpu_seconds


def cpu_ms(server, path, headers, requests):
    """Server CPU milliseconds per request, over `requests` sequential requests."""
    server.get(path, headers)
    before = server.cpu_seconds()
    for _ in range(requests):
        status, _state = server.get(path, headers)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
    return (server.cpu_seconds() - before) * 1000 / requests


class Changes:
    """A shell of the site's Django kept open (production settings, the site's database
    and shared cache): move() moves the directory's version on, and with it every
    version, as a record of the directory saved does."""

    CODE = (
        "import sys\n"
        "from directory.signals import VERSION_KEY, bump\n"
        "for _line in sys.stdin:\n"
        "    bump(VERSION_KEY)\n"
        "    print('moved', flush=True)\n"
    )

    def __init__(self, env):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-v", "0", "-c", self.CODE],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def move(self):
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        if self.process.stdout.readline().strip() != "moved":
            raise SystemExit("the shell that moves the versions stopped")

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def cpu_ms_after_a_change(server, changes, path, headers, requests):
    """Server CPU milliseconds of the first request after a change, over `requests`."""
    cpu = 0
    for _ in range(requests):
        changes.move()
        before = server.cpu_seconds()
        status, _state = server.get(path, headers)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        cpu += server.cpu_seconds() - before
    return cpu * 1000 / requests


def per_second(server, path, seconds, threads):
    """Requests per second with `threads` clients asking in a loop, and the server's CPU
    milliseconds per request meanwhile."""
    done, stop = [0] * threads, time.monotonic() + seconds

    def ask(number):
        while time.monotonic() < stop:
            server.get(path)
            done[number] += 1

    workers = [threading.Thread(target=ask, args=(n,)) for n in range(threads)]
    started, cpu_before = time.monotonic(), server.cpu_seconds()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed, cpu = time.monotonic() - started, server.cpu_seconds() - cpu_before
    total = sum(done)
    return total / elapsed, cpu * 1000 / total


def warm(server, path):
    """Ask until the page comes from the cache; the floors are never cached."""
    for _ in range(5):
        status, state = server.get(path)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        if state == "hit":
            return True
    return False


def main(argv=None):
    _parser, options = parse_arguments(argv)
    with demo_site(workers=2) as site:
        found = site.query("from bench.server import page_urls; page_urls()")
        public = found["pages"]["public"]
        if "directory" in public:
            public["directory, filtered"] = public["directory"] + FILTERS
        pages = [(name, public[name]) for name in options.pages if name in public]
        for name in sorted(set(options.pages) - set(public)):
            print(f"{name}: not in the demo content, skipped")
        server = Server(site.backend, workers_cpu(site.gunicorn_pid))
        changes = Changes(site.env)
        try:
            measure(server, changes, pages, options)
        finally:
            changes.close()


def measure(server, changes, pages, options):
    rows = {
        name: {"built": [], "changed": [], "rps": [], "cached": []}
        for name, _ in [TRIVIAL, STATIC, *pages]
    }
    for name, path in pages:
        if name not in NOT_CACHED and not warm(server, path):
            raise SystemExit(f"{name} ({path}) is never served from the page cache")
    for _round in range(options.rounds):
        for name, path in [STATIC, TRIVIAL, *pages]:
            floor = (name, path) in (STATIC, TRIVIAL)
            requests = options.requests * (FLOOR_REQUESTS if floor else 1)
            rows[name]["built"].append(cpu_ms(server, path, UNCACHED, requests))
            if not floor:
                rows[name]["changed"].append(
                    cpu_ms_after_a_change(server, changes, path, UNCACHED, options.changes)
                )
            if name in NOT_CACHED:
                continue
            warm(server, path)
            rps, cpu = per_second(server, path, options.seconds, options.threads)
            rows[name]["rps"].append(rps)
            rows[name]["cached"].append(cpu)
    median = {
        name: {k: statistics.median(v) if v else None for k, v in row.items()}
        for name, row in rows.items()
    }
    static, trivial = median[STATIC[0]], median[TRIVIAL[0]]
    # bakerydemo's CPU times on this machine, through the static file both serve alike
    scale = static["built"] / BAKERYDEMO_STATIC_MS

    print(
        f"gunicorn, 2 workers, production settings; median of {options.rounds} interleaved rounds; "
        f"built: {options.requests} sequential requests; "
        f"after a change: {options.changes} requests; "
        f"cached: {options.threads} clients for {options.seconds:g} s"
    )
    header = (
        f"{'page':<22} {'built cpu ms':>12} {'× trivial':>9} {'goal ms':>7} {'÷ goal':>6} "
        f"{'after a change':>14} "
        f"{'cached req/s':>12} {'cached cpu ms':>13} {'÷ static req/s':>14} {'÷ static by cpu':>15}"
    )
    print(header)
    print("-" * len(header))
    for name, path in [STATIC, TRIVIAL, *pages]:
        row = median[name]
        floor = name in (STATIC[0], TRIVIAL[0])
        goal = BAKERYDEMO[name][1] * scale / 3 if name in BAKERYDEMO else None
        built = f"{name:<22} {row['built']:12.2f} {row['built'] / trivial['built']:9.1f} " + (
            f"{goal:7.1f} {row['built'] / goal:6.2f} " if goal else f"{'':7} {'':6} "
        )
        built += f"{row['changed']:14.1f} " if row["changed"] is not None else f"{'':14} "
        if row["rps"] is None:
            cached = f"{'(not cached)':>12} {'':13} {'':14} {'':15}"
        else:
            cached = (
                f"{row['rps']:12.0f} {row['cached']:13.2f} "
                f"{row['rps'] / static['rps']:14.2f} {static['cached'] / row['cached']:15.2f}"
            )
        print(built + cached + ("  (floor)" if floor else f"  {path}"))
    cached = [name for name, _ in pages if median[name]["rps"] is not None]
    if cached:
        slowest = min((median[name]["rps"] / static["rps"], name) for name in cached)
        print(
            f"\nLowest cached page to static file, by req/s: {slowest[0]:.2f} ({slowest[1]}); "
            "the goal is at least 0.50."
        )
    compared = [name for name, _ in pages if name in BAKERYDEMO]
    if compared:
        worst = max(
            (median[name]["built"] / (BAKERYDEMO[name][1] * scale / 3), name) for name in compared
        )
        print(
            f"Highest built page to its goal (a third of bakerydemo's "
            f"{', '.join(f'{BAKERYDEMO[n][0]}' for n in compared)}, scaled by the static file "
            f"{static['built']:.2f} ms here ÷ {BAKERYDEMO_STATIC_MS} ms there): "
            f"{worst[0]:.2f} ({worst[1]}); the goal is at most 1.00."
        )


if __name__ == "__main__":
    main()
