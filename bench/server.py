"""The site with the demo content, served as in production, for the scripts that look at
it in a browser (bench/lighthouse.py, bench/screenshots.py).

A throw-away SQLite database in a temporary folder (the project's own is never touched)
is migrated and filled by `load_demo_content` (which needs DEBUG, so under settings.dev);
then gunicorn serves it under settings.production, behind a small proxy playing the part
of the one in "Run in production" (README): TLS ends there (it says so in
X-Forwarded-Proto), it serves /media/images/ itself and compresses pages, as nginx would.
Static files come from whitenoise, compressed and hashed (collectstatic). Everything it
started is stopped on the way out, and the folder removed."""

import contextlib
import gzip
import http.client
import json
import mimetypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# The demo accounts (README, "Demo accounts").
MEMBER = ("membre@salim.example", "demo-membre-2026")
EDITOR = ("editrice@salim.example", "demo-editrice-2026")

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "upgrade"}
COMPRESSED_TYPES = ("text/", "application/json", "application/geo+json", "image/svg+xml")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class DemoSite:
    url: str  # what a browser opens: http://127.0.0.1:PORT
    env: dict  # the production settings' environment gunicorn runs with
    backend: int = 0  # gunicorn's own port, behind the proxy
    gunicorn_pid: int = 0  # its master process (the workers are its children)

    def query(self, code):
        """Run Python code in the site's Django (production settings) and return the JSON
        its last printed line holds: the URLs of demo objects, whether a URL name exists."""
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py shell failed:\n{result.stderr[-3000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    def session_cookie(self, account):
        """Sign in through the site's own form, as a person would, and return the session
        cookie's (name, value)."""
        email, password = account
        login = self.query(
            "import json; from django.urls import reverse; from django.utils import translation; "
            "translation.activate('fr'); print(json.dumps(reverse('account_login')))"
        )
        browser = requests.Session()
        form = browser.get(self.url + login, timeout=30)
        token = browser.cookies.get("csrftoken")
        # The cookies are marked Secure (HTTPS ends at the proxy): a client of the plain
        # HTTP side keeps them, but must send them back itself.
        answer = browser.post(
            self.url + login,
            data={"login": email, "password": password, "csrfmiddlewaretoken": token},
            headers={"Origin": self.url, "Cookie": f"csrftoken={token}"},
            timeout=30,
            allow_redirects=False,
        )
        name = self.env.get("SESSION_COOKIE_NAME", "sessionid")
        value = browser.cookies.get(name)
        if form.status_code != 200 or answer.status_code != 302 or not value:
            raise RuntimeError(f"could not sign in as {email} (answer {answer.status_code})")
        return name, value


def _run(args, env, what):
    result = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")


def _proxy(port, backend, media_root):
    """The proxy in front of gunicorn: plain HTTP here (the browser is on this machine),
    telling the site the visitor came over HTTPS, as a proxy that ends TLS does."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet: gunicorn keeps the access log
            pass

        def media(self):
            relative = self.path.split("?")[0][len("/media/") :]
            file = (media_root / relative).resolve()
            if not file.is_relative_to(media_root.resolve()) or not file.is_file():
                return self.send_error(404)
            self.send_response(200)
            self.send_header("Content-Type", mimetypes.guess_type(file.name)[0] or "")
            self.send_header("Content-Length", str(file.stat().st_size))
            self.send_header("Cache-Control", "public, max-age=31536000")
            self.end_headers()
            self.wfile.write(file.read_bytes())

        def forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            headers["X-Forwarded-Proto"] = "https"
            headers["X-Forwarded-For"] = self.client_address[0]
            upstream = http.client.HTTPConnection("127.0.0.1", backend, timeout=120)
            try:
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
                content = response.read()
            except OSError:  # gunicorn not up yet, or gone
                return self.send_error(502)
            finally:
                upstream.close()
            kind = response.getheader("Content-Type", "")
            compress = (
                "gzip" in self.headers.get("Accept-Encoding", "")
                and not response.getheader("Content-Encoding")
                and kind.startswith(COMPRESSED_TYPES)
                and len(content) > 1000
            )
            if compress:
                content = gzip.compress(content, compresslevel=6)
            self.send_response(response.status)
            for name, value in response.getheaders():
                if name.lower() in HOP_BY_HOP:
                    continue
                if name.lower() == "location":  # the site thinks it is on https
                    value = value.replace("https://", "http://", 1)
                self.send_header(name, value)
            if compress:
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            if self.command != "HEAD":
                with contextlib.suppress(ConnectionError):  # the client gave up waiting
                    self.wfile.write(content)

        do_POST = do_HEAD = forward

        def do_GET(self):
            if self.path.startswith("/media/images/"):
                return self.media()
            return self.forward()

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@contextmanager
def demo_site(workers=2, say=print):
    """The site with the demo content at a free port; yields a DemoSite."""
    folder = Path(tempfile.mkdtemp(prefix="salim-demo-site-"))
    port, backend = free_port(), free_port()
    url = f"http://127.0.0.1:{port}"
    common = {
        name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ
    }
    common.update(
        DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        WAGTAILADMIN_BASE_URL=url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    production = {
        **common,
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEFAULT_FROM_EMAIL": "SALIM <noreply@salim.example>",
        "SECURE_PROXY_SSL_HEADER": "1",
        "TRUSTED_PROXY_COUNT": "1",
        # The browser's origin is http:// (the proxy's side of TLS): the site's forms
        # would otherwise refuse it as coming from another site.
        "CSRF_TRUSTED_ORIGINS": url,
    }
    setup = {**common, "DJANGO_SETTINGS_MODULE": "settings.dev", "DEBUG": "1"}
    gunicorn = proxy = None
    try:
        started = time.monotonic()
        _run(
            [sys.executable, "-m", "babel.messages.frontend", "compile"]
            + ["--domain", "django", "--directory", "locale"],
            common,
            "compiling the catalogues",
        )
        for args in (
            ["migrate", "--noinput", "-v", "0"],
            ["createcachetable"],
            ["collectstatic", "--noinput", "-v", "0"],
            ["load_demo_content"],
        ):
            _run([sys.executable, "manage.py", *args], setup, f"manage.py {args[0]}")
        say(f"Demo content loaded in a fresh SQLite database ({time.monotonic() - started:.0f} s)")
        with open(folder / "gunicorn.log", "w") as log:
            gunicorn = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--pythonpath", "site", "wsgi:application"]
                + ["--workers", str(workers), "--bind", f"127.0.0.1:{backend}"]
                + ["--graceful-timeout", "5", "--access-logfile", "-"],
                cwd=REPO,
                env=production,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        proxy = _proxy(port, backend, folder / "media")
        deadline = time.monotonic() + 60
        while True:
            if gunicorn.poll() is not None:
                raise RuntimeError(f"gunicorn stopped:\n{(folder / 'gunicorn.log').read_text()}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(url + "/robots.txt", timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("the site did not answer within 60 s")
            time.sleep(0.3)
        say(f"The site under settings.production at {url} (gunicorn, {workers} workers)")
        yield DemoSite(url, production, backend, gunicorn.pid)
    finally:
        if proxy is not None:
            proxy.shutdown()
            proxy.server_close()
        if gunicorn is not None and gunicorn.poll() is None:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            try:
                gunicorn.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(gunicorn.pid, signal.SIGKILL)
                gunicorn.wait()
        shutil.rmtree(folder, ignore_errors=True)


def page_urls():
    """Inside the site's Django (DemoSite.query): demo_page_urls(), printed as JSON."""
    print(json.dumps(demo_page_urls()))


def demo_page_urls():
    """Inside the site's Django: the address of a demo example of every page type, by who
    looks at it ("public", "member", "editor"), and the notes of those not found."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import translation

    from wagtail.models import Page
    from wagtail_modeladmin.helpers import AdminURLHelper

    from cms.models import (
        CarteProximitePage,
        EventIndexPage,
        EventPage,
        FundingGuidePage,
        FundingIndexPage,
        HomePage,
        ResourceIndexPage,
        ResourcePage,
        StandardPage,
    )
    from community.models import Need, Organisation, SurplusLot, Topic
    from directory.models import Producer, Product

    translation.activate("fr")

    def page(model):
        found = model.objects.live().public().filter(locale__language_code="fr").first()
        return found.get_url() if found else None

    def member_organisation():
        return Organisation.objects.filter(memberships__user__email=MEMBER[0]).first()

    most_offers = Count("offers")
    examples = {
        "public": [
            ("home", lambda: page(HomePage)),
            ("directory", lambda: reverse("directory:producer_list")),
            (
                "producer",
                lambda: Producer.objects.annotate(n=most_offers).order_by("-n").first(),
            ),
            ("product", lambda: Product.objects.annotate(n=most_offers).order_by("-n").first()),
            ("in season", lambda: reverse("directory:in_season")),
            ("events", lambda: page(EventIndexPage)),
            ("event", lambda: page(EventPage)),
            ("resources", lambda: page(ResourceIndexPage)),
            ("resource", lambda: page(ResourcePage)),
            ("funding index", lambda: page(FundingIndexPage)),
            ("funding guide", lambda: page(FundingGuidePage)),
            ("Carte proximité", lambda: page(CarteProximitePage)),
            ("standard page", lambda: page(StandardPage)),
            ("figures", lambda: reverse("community:network_figures")),
            ("search", lambda: reverse("search") + "?q=carottes"),
            ("sign-in", lambda: reverse("account_login")),
            ("sign-up", lambda: reverse("account_signup")),
        ],
        "member": [
            ("my space", lambda: reverse("community:my_space")),
            ("account", lambda: reverse("community:account")),
            ("needs", lambda: reverse("community:need_list")),
            (
                "need",
                lambda: reverse(
                    "community:need_detail",
                    args=[Need.objects.filter(organisation=member_organisation()).first().pk],
                ),
            ),
            ("surplus", lambda: reverse("community:surplus_list")),
            (
                "surplus lot",
                lambda: reverse(
                    "community:surplus_detail", args=[SurplusLot.objects.order_by("-pk").first().pk]
                ),
            ),
            ("commitments", lambda: reverse("community:commitment_list")),
            ("my events", lambda: reverse("community:my_events")),
            ("forums", lambda: reverse("community:forum_index")),
            ("topic", lambda: reverse("community:forum_topic", args=[Topic.objects.first().pk])),
            (
                "organisation",
                lambda: reverse("community:organisation_detail", args=[member_organisation().pk]),
            ),
        ],
        "editor": [
            ("admin home", lambda: reverse("wagtailadmin_home")),
            ("admin producers", lambda: AdminURLHelper(Producer).index_url),
            ("admin figures", lambda: reverse("community_dashboard")),
            ("admin workspace", lambda: reverse("community_workspace")),
            (
                "admin page editor",
                lambda: reverse("wagtailadmin_pages:edit", args=[Page.objects.live().last().pk]),
            ),
        ],
    }
    found, notes = {}, []
    for who, pages in examples.items():
        found[who] = {}
        for name, address in pages:
            try:
                value = address()
                if hasattr(value, "get_absolute_url"):
                    value = value.get_absolute_url()
            except Exception as error:  # noqa: BLE001 (a missing example is only a note)
                notes.append(f"{name}: skipped ({type(error).__name__}: {error})")
                continue
            if value is None:
                notes.append(f"{name}: skipped (no such page in the demo content)")
            else:
                found[who][name] = value
    return {"pages": found, "notes": notes}
