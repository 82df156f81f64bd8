"""The site on several machines: two gunicorn servers and one task worker under the
production settings, sharing one PostgreSQL database and one Redis, with a local SMTP
server that keeps what it receives. People reach the servers as through the proxy of
"Run in production" (README): HTTPS ended in front (X-Forwarded-Proto), their own
address (X-Forwarded-For, TRUSTED_PROXY_COUNT=1), one host name, each request sent to
server A or B. It checks that

1. a member signed in on A is signed in on B, and signed out on B is signed out on A;
2. failed sign-ins alternated between A and B are refused from the configured count on
   (ACCOUNT_RATE_LIMITS["login_failed"]), not from twice it, the right password included;
3. a forum post on A reaches its followers through the worker and the mail server;
4. with the mail server down, posting on B answers as fast, and the emails arrive once
   it is back (OUTBOX_RETRY_DELAYS of seconds), none twice;
5. fifty members registering at once, half on A and half on B, for an event of ten seats
   give ten confirmed and forty waiting (database, their pages and their emails).

    .venv/bin/python tests/scale_out/run.py      # under a minute

It makes its own database (--database, dropped at the end) and flushes one Redis database
(--redis, 13 by default) before and after; it stops everything it started."""

import argparse
import contextlib
import email
import html
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from email import policy
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

import psycopg
import redis
import requests
from aiosmtpd.controller import Controller

REPO = Path(__file__).resolve().parents[2]
PUBLIC_HOST = "localhost"  # the name people use; the proxy sends them to A or B
STARTED = time.monotonic()
OVERALL_TIMEOUT = 300
# Minutes between tries of an email not sent: 3 seconds, eight times, instead of hours.
RETRY_DELAYS = ",".join(["0.05"] * 8)
FAST = 2.0  # seconds: what "answers as fast" allows a post while the mail server is down


class CheckFailed(Exception):
    pass


def say(text):
    print(f"[{time.monotonic() - STARTED:6.1f} s] {text}", flush=True)


def check(condition, failure):
    if not condition:
        raise CheckFailed(failure)


def wait_for(what, condition, timeout):
    """condition() until it returns something true, or CheckFailed after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise CheckFailed(f"waited {timeout} s for {what}")
        time.sleep(0.2)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """The SMTP server the site sends to: it keeps each message it receives, and can be
    stopped and started again on the same port."""

    def __init__(self, port):
        self.port = port
        self.received = []
        self.lock = threading.Lock()
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        text = "\n".join(
            part.get_content()
            for part in message.walk()
            if part.get_content_type() == "text/plain" and not part.is_attachment()
        )
        with self.lock:
            self.received.append(
                {
                    "to": tuple(envelope.rcpt_tos),
                    "subject": " ".join(str(message["Subject"]).split()),
                    "text": text,
                    "at": time.monotonic(),
                }
            )
        return "250 Message accepted for delivery"

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def messages(self, having=""):
        with self.lock:
            return [m for m in self.received if having in m["text"] or having in m["subject"]]


class Processes:
    """What the check starts, each in its own process group, its output in a log file."""

    def __init__(self, logs):
        self.logs = logs
        self.started = []

    def start(self, name, args, env):
        log = self.logs / f"{name}.log"
        with open(log, "w") as output:
            process = subprocess.Popen(
                args,
                cwd=REPO,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.started.append((name, process, log))
        return process

    def check_running(self):
        for name, process, log in self.started:
            if process.poll() is not None:
                raise CheckFailed(f"{name} stopped (exit {process.returncode}); see {log}")

    def stop_all(self):
        for _name, process, _log in self.started:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for _name, process, _log in self.started:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def tails(self, lines=30):
        for name, _process, log in self.started:
            content = log.read_text(errors="replace").splitlines()
            print(f"--- last lines of {name} ({log}) ---")
            print("\n".join(content[-lines:]))


class SecureCookiesBehindTheProxy(DefaultCookiePolicy):
    """The site marks its cookies Secure: people reach it over HTTPS, which ends at the
    proxy. Behind it this client speaks plain HTTP, so it keeps them as a browser in
    front of the proxy does and sends them back (requests copies the cookies into a jar
    of the default policy for each request: the flag itself must go)."""

    def set_ok(self, cookie, request):
        cookie.secure = False
        return super().set_ok(cookie, request)


def forms(page):
    """Each form of a page: its attributes and the values its fields would send."""
    found = []
    for match in re.finditer(r"<form\b([^>]*)>(.*?)</form>", page, re.S | re.I):
        attributes = dict(re.findall(r'([\w-]+)\s*=\s*"([^"]*)"', match[1]))
        fields = {}
        for tag in re.finditer(r"<input\b([^>]*)>", match[2], re.I):
            field = dict(re.findall(r'([\w-]+)\s*=\s*"([^"]*)"', tag[1]))
            if "name" not in field or field.get("type") in ("checkbox", "radio", "submit"):
                continue
            fields[field["name"]] = html.unescape(field.get("value", ""))
        for tag in re.finditer(r"<textarea\b([^>]*)>(.*?)</textarea>", match[2], re.S | re.I):
            field = dict(re.findall(r'([\w-]+)\s*=\s*"([^"]*)"', tag[1]))
            if "name" in field:
                fields[field["name"]] = html.unescape(tag[2])
        found.append((html.unescape(attributes.get("action", "")), fields))
    return found


class Person:
    """One person's browser, behind the proxy: their own cookies and address, each
    request sent to the server given, with the headers the proxy adds."""

    def __init__(self, address):
        self.session = requests.Session()
        self.session.cookies.set_policy(SecureCookiesBehindTheProxy())
        self.session.headers.update(
            {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": address}
        )

    def get(self, server, path, **options):
        return self.session.get(server + path, timeout=30, **options)

    def post(self, server, path, data, **options):
        origin = {"Origin": f"https://{PUBLIC_HOST}"}  # as a browser sends with a form
        return self.session.post(server + path, data=data, headers=origin, timeout=30, **options)

    def form(self, server, path, field, action_has=""):
        """The action and fields (CSRF token included) of the page's form that has `field`
        (and whose action has `action_has`)."""
        page = self.get(server, path)
        check(page.status_code == 200, f"GET {path} answered {page.status_code}")
        for action, fields in forms(page.text):
            if field in fields and action_has in action:
                return action or path, fields
        raise CheckFailed(f"no form with {field} {action_has} on {path}")

    def submit(self, server, path, field, values, action_has="", **options):
        action, fields = self.form(server, path, field, action_has)
        return self.post(server, action, {**fields, **values}, **options)

    def signed_in(self, server, paths):
        return self.get(server, paths["account"], allow_redirects=False).status_code == 200


def sign_in(person, server, facts, email_address, password=None):
    return person.submit(
        server,
        facts["paths"]["login"],
        "password",
        {"login": email_address, "password": password or facts["password"]},
    )


def gunicorn_options():
    """Recent gunicorns open a control socket at one path per user: two servers of the
    same user would share it, and it is of no use here."""
    from gunicorn.config import KNOWN_SETTINGS

    names = {setting.name for setting in KNOWN_SETTINGS}
    return ["--no-control-socket"] if "control_socket_disable" in names else []


def manage(env, *args, timeout=180):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:], sep="\n")
        raise CheckFailed(f"manage.py {' '.join(args[:2])} failed")
    return result.stdout, time.monotonic() - started


def check_sessions_are_shared(a, b, facts):
    person = Person("203.0.113.1")
    started = time.monotonic()
    response = sign_in(person, a, facts, facts["signed_in"])
    took = time.monotonic() - started
    check(response.history and response.history[0].status_code == 302, "sign-in on A refused")
    check(person.signed_in(a, facts["paths"]), "not signed in on A after signing in there")
    check(person.signed_in(b, facts["paths"]), "signed in on A, but not on B")
    page = person.get(b, facts["paths"]["account"]).text
    check(facts["signed_in"] in page, "B's account page does not show the member")
    logout = facts["paths"]["logout"]
    person.submit(b, logout, "csrfmiddlewaretoken", {}, action_has=logout)
    check(not person.signed_in(a, facts["paths"]), "signed out on B, still signed in on A")
    say(f"1. signed in on A in {took:.2f} s, signed in on B; signed out on B, out on A too")


def check_rate_limits_are_shared(a, b, facts):
    rates = facts["login_failed_rate"]
    limit = min(int(rate.split("/")[0]) for rate in rates.split(","))
    person = Person("203.0.113.2")
    answers = []
    for attempt in range(1, limit + 2):
        server = a if attempt % 2 else b
        page = sign_in(person, server, facts, facts["locked"], "not-the-password").text
        if "Too many failed login attempts" in page:
            answers.append("refused")
        elif "you specified are not correct" in page:
            answers.append("wrong")
        else:
            raise CheckFailed(f"sign-in attempt {attempt} answered neither wrong nor refused")
    check(
        answers == ["wrong"] * limit + ["refused"],
        f"failed sign-ins alternating A and B ({rates}): {answers}",
    )
    page = sign_in(person, b if limit % 2 else a, facts, facts["locked"]).text
    check("Too many failed login attempts" in page, "the right password got through the limit")
    check(not person.signed_in(a, facts["paths"]), "signed in despite the limit")
    say(
        f"2. failed sign-ins alternating A and B: {limit} told wrong, then refused "
        f"(configured {rates!r}), the right password too"
    )


def reply(person, server, facts, body):
    """Post a reply, then see it in the topic; returns the post's time and the post's id."""
    topic = facts["paths"]["topic"]
    action, fields = person.form(server, topic, "body")
    started = time.monotonic()
    response = person.post(server, action, {**fields, "body": body}, allow_redirects=False)
    took = time.monotonic() - started
    check(response.status_code == 302, f"posting answered {response.status_code}")
    post_id = int(re.search(r"/(\d+)/$", response.headers["Location"])[1])
    shown = person.get(server, response.headers["Location"])
    check(shown.status_code == 200 and body in shown.text, "the post is not shown in its topic")
    return took, post_id


def told(mail, marker):
    return sorted(address for message in mail.messages(marker) for address in message["to"])


def check_a_post_emails_its_followers(a, facts, mail):
    person = Person("203.0.113.3")
    sign_in(person, a, facts, facts["poster_a"])
    marker = f"check-3-{secrets.token_hex(4)}"
    took, _post = reply(person, a, facts, f"Je peux prendre la tournée du jeudi. ({marker})")
    sent = time.monotonic()
    wait_for("the followers' emails", lambda: told(mail, marker) == facts["told_of_a"], 60)
    arrived = max(message["at"] for message in mail.messages(marker)) - sent
    say(
        f"3. post on A answered in {took:.2f} s; its {len(facts['told_of_a'])} followers' "
        f"emails reached the mail server {arrived:.1f} s later"
    )
    return marker


def deliveries_of(database, post_id):
    with database.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult"
            " WHERE task_path = 'community.outbox.tasks.deliver'"
            " AND args_kwargs->'args'->>0 = %s",
            [f"post {post_id} to its followers"],
        )
        return cursor.fetchone()[0]


def check_posting_survives_a_mail_outage(b, facts, mail, database):
    mail.stop()
    person = Person("203.0.113.4")
    sign_in(person, b, facts, facts["poster_b"])
    marker = f"check-4-{secrets.token_hex(4)}"
    took, post_id = reply(person, b, facts, f"Et moi le mardi, avec la remorque. ({marker})")
    check(took < FAST, f"posting took {took:.2f} s with the mail server down")
    wait_for("a failed try of the delivery", lambda: deliveries_of(database, post_id) >= 2, 30)
    check(mail.messages(marker) == [], "an email arrived while the mail server was down")
    mail.start()
    back = time.monotonic()
    wait_for("the emails after the outage", lambda: told(mail, marker) == facts["told_of_b"], 60)
    arrived = max(message["at"] for message in mail.messages(marker)) - back
    say(
        f"4. mail server down: post on B answered in {took:.2f} s; tried "
        f"{deliveries_of(database, post_id) - 1} time(s) in vain; server back, its "
        f"{len(facts['told_of_b'])} emails arrived {arrived:.1f} s later"
    )
    return marker, post_id


def registrations(database, event_id):
    with database.cursor() as cursor:
        cursor.execute(
            "SELECT u.email, r.status FROM community_registration r"
            " JOIN community_user u ON u.id = r.user_id WHERE r.event_id = %s",
            [event_id],
        )
        return dict(cursor.fetchall())


def check_registrations_keep_to_capacity(servers, facts, mail, database):
    emails = facts["registrants"]
    people = [Person(f"198.51.100.{number}") for number in range(1, len(emails) + 1)]
    on = [servers[number % 2] for number in range(len(emails))]
    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: sign_in(people[i], on[i], facts, emails[i]), range(len(emails))))
    say(
        f"5. {len(emails)} members signed in, half on A, half on B, in {time.monotonic() - started:.1f} s"
    )
    register = f"/{facts['event_id']}/"
    forms_of = [
        people[i].form(on[i], facts["event_path"], "csrfmiddlewaretoken", action_has=register)
        for i in range(len(emails))
    ]
    together = threading.Barrier(len(emails))
    answers = [None] * len(emails)

    def at_once(i):
        action, fields = forms_of[i]
        # A new connection each, as fifty browsers open: not one the server may be
        # closing after its keep-alive (the cookies stay).
        people[i].session.close()
        together.wait()
        began = time.monotonic()
        try:
            response = people[i].post(on[i], action, fields, allow_redirects=False)
            answers[i] = (response.status_code, time.monotonic() - began)
        except requests.RequestException as error:
            answers[i] = (repr(error), time.monotonic() - began)

    threads = [threading.Thread(target=at_once, args=(i,)) for i in range(len(emails))]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    wall = time.monotonic() - started
    check(all(answer is not None for answer in answers), "a registration did not answer")
    statuses = [status for status, _took in answers]
    check(statuses == [302] * len(emails), f"registrations answered {set(statuses)}")
    times = sorted(took for _status, took in answers)
    found = registrations(database, facts["event_id"])
    confirmed = sorted(e for e, status in found.items() if status == "confirmed")
    waiting = sorted(e for e, status in found.items() if status == "waitlisted")
    seats = facts["seats"]
    check(
        len(found) == len(emails) and len(confirmed) == seats,
        f"{len(found)} registrations, {len(confirmed)} confirmed for {seats} seats",
    )
    check(len(waiting) == len(emails) - seats, f"{len(waiting)} on the waiting list")
    # Each person's own page, on the other server, says which.
    for i, person in enumerate(people):
        page = person.get(servers[(i + 1) % 2], facts["paths"]["my_events"]).text
        expected = "You are registered." if emails[i] in confirmed else "on the waiting list"
        check(expected in page, f"{emails[i]}'s page does not say {expected!r}")
    say(
        f"5. {len(emails)} registrations at once in {wall:.2f} s (median {statistics.median(times):.2f} s, "
        f"slowest {times[-1]:.2f} s): {len(confirmed)} confirmed, {len(waiting)} waiting, "
        "as each one's page says"
    )
    title = facts["event_title"]

    def subjects():
        """Each person's registration emails' subjects (in the language they registered in)."""
        by_person = {}
        for message in mail.messages(title):
            for address in message["to"]:
                by_person.setdefault(address, []).append(message["subject"])
        return by_person

    wait_for("the registrations' emails", lambda: len(subjects()) == len(emails), 90)
    arrived = time.monotonic() - started
    received = subjects()
    check(all(len(them) == 1 for them in received.values()), "a registration emailed twice")
    said = {
        status: {received[e][0] for e in emails if found[e] == status} for status in found.values()
    }
    check(
        all(len(them) == 1 for them in said.values()) and len(set.union(*said.values())) == 2,
        f"the registration emails do not say which: {said}",
    )
    say(
        f"5. each got one email, {seats} saying {said['confirmed'].pop()!r}, the others "
        f"{said['waitlisted'].pop()!r}, all {arrived:.1f} s after registering"
    )


def check_nothing_arrived_twice(mail, markers, facts):
    for marker, expected in zip(markers, ("told_of_a", "told_of_b"), strict=True):
        check(told(mail, marker) == facts[expected], f"post {marker}: {told(mail, marker)}")
    seen = set()
    for message in mail.messages():
        key = (message["to"], message["subject"], message["text"])
        check(key not in seen, f"{message['to']} got {message['subject']!r} twice")
        seen.add(key)
    say(f"   none of the {len(seen)} emails the mail server received arrived twice")


def check_the_logs(processes, outage):
    """No server error on A or B; the worker's only failures are the outage's tries."""
    for name, _process, log in processes.started:
        text = log.read_text(errors="replace")
        if name.startswith("gunicorn"):
            errors = re.findall(r'"[A-Z]+ [^"]*" 5\d\d ', text)
            check(
                not errors and "Traceback" not in text,
                f"{name} answered {errors or 'with a traceback'}",
            )
        else:
            failures = set(re.findall(r"^Email not (?:sent|written) \((.*?)\)", text, re.M))
            check(failures == {outage}, f"the worker failed to send: {failures}")
            check(text.count("Traceback") == text.count("Email not sent"), "the worker crashed")
    say("   no server error on A or B; the worker's only failures were the outage's")


def environment(options, mail, folder):
    """The production settings' environment, as "Run in production" sets it, and nothing
    else of this shell's (a DEBUG or an EMAIL_BACKEND exported here would not count)."""
    env = {
        name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ
    }
    env.update(
        DJANGO_SETTINGS_MODULE="settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WAGTAILADMIN_BASE_URL=f"https://{PUBLIC_HOST}",
        DEFAULT_FROM_EMAIL="SALIM <noreply@salim.example>",
        DATABASE_URL=f"{options.postgres}/{options.database}",
        REDIS_URL=options.redis,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(mail.port),
        EMAIL_USE_TLS="0",
        # The proxy in front: TLS ends there, it says so, and who is asking.
        SECURE_PROXY_SSL_HEADER="1",
        TRUSTED_PROXY_COUNT="1",
        OUTBOX_RETRY_DELAYS=RETRY_DELAYS,
        MEDIA_ROOT=str(folder / "media"),
    )
    return env


def set_up(env):
    """The steps of "Run in production" on the fresh database, then the seed's data."""
    compile_messages = [sys.executable, "-m", "babel.messages.frontend", "compile"]
    subprocess.run(
        [*compile_messages, "--domain", "django", "--directory", "locale"],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    _out, took = manage(env, "migrate", "--noinput", "-v", "0")
    say(f"migrated with the production settings in {took:.1f} s")
    _out, took = manage(env, "collectstatic", "--noinput", "-v", "0")
    say(f"static files collected in {took:.1f} s")
    _out, took = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    say(f"manage.py check --deploy: no warning ({took:.1f} s)")
    seed = "from tests.scale_out.seed import seed; seed()"
    out, took = manage(env, "shell", "-v", "0", "-c", seed)
    facts = json.loads(out.strip().splitlines()[-1])
    say(
        f"seeded in {took:.1f} s: an organisation, {facts['people']} people, a followed "
        f"topic, an event of {facts['seats']} seats"
    )
    return facts


def start(processes, env):
    """Servers A and B and the task worker; returns the servers' addresses once both answer."""
    servers = []
    for name in ("a", "b"):
        port = free_port()
        gunicorn = [sys.executable, "-m", "gunicorn", "--pythonpath", "site", "wsgi:application"]
        processes.start(
            f"gunicorn-{name}",
            [
                *gunicorn,
                *("--workers", "2", "--threads", "4", "--bind", f"127.0.0.1:{port}"),
                *("--graceful-timeout", "5", "--access-logfile", "-", *gunicorn_options()),
            ],
            env,
        )
        servers.append(f"http://127.0.0.1:{port}")
    worker = [sys.executable, "manage.py", "db_worker", "--interval", "0.5", "--no-startup-delay"]
    processes.start("worker", worker, env)

    def answers(server):
        processes.check_running()
        with contextlib.suppress(requests.ConnectionError):
            return Person("203.0.113.9").get(server, "/robots.txt").status_code == 200
        return False

    started = time.monotonic()
    for server in servers:
        wait_for(f"{server} to answer", lambda server=server: answers(server), 60)
    say(
        f"servers A ({servers[0]}) and B ({servers[1]}), 2 processes × 4 threads each, and "
        f"a task worker, up in {time.monotonic() - started:.1f} s"
    )
    return servers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="salim_scale")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/13")
    options = parser.parse_args()

    def out_of_time(signum, frame):
        raise CheckFailed(f"the whole check took more than {OVERALL_TIMEOUT} s")

    def stopped(signum, frame):
        raise CheckFailed("stopped (SIGTERM)")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.signal(signal.SIGTERM, stopped)
    signal.alarm(OVERALL_TIMEOUT)

    folder = Path(tempfile.mkdtemp(prefix="salim-scale-out-"))
    processes = Processes(folder)
    mail = MailServer(free_port())
    env = environment(options, mail, folder)
    cache = redis.Redis.from_url(options.redis, socket_connect_timeout=5)
    postgres = psycopg.connect(f"{options.postgres}/postgres", autocommit=True)
    drop = f'DROP DATABASE IF EXISTS "{options.database}" WITH (FORCE)'
    database = None
    passed = False
    try:
        say(f"PostgreSQL database {options.database}, Redis {options.redis}; logs in {folder}")
        postgres.execute(drop)
        postgres.execute(f'CREATE DATABASE "{options.database}"')
        cache.flushdb()
        facts = set_up(env)
        mail.start()
        a, b = start(processes, env)
        database = psycopg.connect(env["DATABASE_URL"], autocommit=True)

        check_sessions_are_shared(a, b, facts)
        check_rate_limits_are_shared(a, b, facts)
        markers = [check_a_post_emails_its_followers(a, facts, mail)]
        marker, outage_post = check_posting_survives_a_mail_outage(b, facts, mail, database)
        markers.append(marker)
        check_registrations_keep_to_capacity([a, b], facts, mail, database)
        processes.check_running()
        check_nothing_arrived_twice(mail, markers, facts)
        check_the_logs(processes, f"post {outage_post} to its followers")
        passed = True
    except Exception as failure:
        if not isinstance(failure, CheckFailed):
            traceback.print_exc()
        say(f"FAILED: {failure}")
        processes.tails()
    finally:
        signal.alarm(0)
        processes.stop_all()
        mail.stop()
        if database is not None:
            database.close()
        postgres.execute(drop)
        postgres.close()
        cache.flushdb()
        if passed:
            shutil.rmtree(folder, ignore_errors=True)
        say(
            f"{'PASSED' if passed else 'FAILED'} in {time.monotonic() - STARTED:.0f} s; "
            f"all it started is stopped, {options.database} dropped, Redis flushed"
        )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
