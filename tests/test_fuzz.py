"""No bad input makes a page of ours fail (a 500) or think for more than a second.

The access sweep's world and routes (tests/test_access.py) are walked as a visitor, a
member of a community organisation, the producer and the network's staff, adding our
admin screens for records (modeladmin) and the site's pages. Each page is asked for
with junk in every query parameter its GET forms and links declare and in a few common
ones; each form found on a page (POST) is sent with nothing, then with each field in
turn given each kind of bad value, the others filled as a person would. The (page,
value) and (form, field, value) cases are dealt in turn to the people who see the page
or the form, so that each case is sent once, whoever the first person is.

A request that answers 500 or raises, or uses more than a second of CPU (asked twice, so that
a garbage collection or a busy machine is not taken for a slow input), is written down
with who sent what; the test fails once, listing all of them. A junk request sent to
every parameter at once that does not answer as the plain page did is sent again one
parameter at a time, so that each failing parameter is named."""

import copy
import gc
import logging
import re
import time
import traceback
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from itertools import count
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation

from wagtail.models import Page

import pytest

from directory.models import PriceObservation

from . import test_access
from .test_access import (
    ADMIN_A,
    ANONYMOUS,
    EDITOR,
    PRODUCER,
    ROUTES,
    RULES,
    ask,
    day,
    url_of,
)

world = test_access.world  # the access sweep's world: a fixture of this module too


@pytest.fixture
def records(world, certification_factory):
    """The world, with the records that only the admin screens show."""
    world["certification"] = certification_factory()
    world["price_observation"] = PriceObservation.objects.create(
        product=world["product"], observed_on=day(-3), price=Decimal("2.10")
    )
    return world


# Who sends the junk: a visitor, an organisation's admin, the producer, staff.
PEOPLE = [ANONYMOUS, ADMIN_A, PRODUCER, EDITOR]
CPU_LIMIT = 1.0  # seconds of CPU a request may use

NUL = "\x00"
LONG = "x" * 10_000
HUGE = "99999999999999999999"
# Junk for query parameters, each kind sent to every parameter of every page.
QUERY_JUNK = [NUL, "9999-12", "0001-01", "-1", LONG, HUGE, "zzz", "abc"]
# Junk for form fields: each kind sent to every field it suits (bad_values).
POST_JUNK = ["abc", NUL, LONG, "-1", HUGE, "100000", "9999-12-31", "0001-01-01"]
# Parameters a page may read without a form saying so.
COMMON = ["q", "page", "month", "year", "days", "sort", "order", "category", "region"]
COMMON += ["product", "e", "p"]

ROOT = Path(settings.BASE_DIR)
MODELADMIN = re.compile(r"^(cms|community|directory)_(\w+?)_modeladmin_(\w+)$")


def modeladmin_routes():
    """(name, model, needs a record) of our records' admin screens (wagtail_modeladmin)."""

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and MODELADMIN.match(pattern.name or ""):
                yield pattern.name, "instance_pk" in str(pattern.pattern)

    for name, with_record in sorted(set(walk(get_resolver().url_patterns))):
        app, model, _view = MODELADMIN.match(name).groups()
        yield name, apps.get_model(app, model), with_record


def pages_to_walk(world):
    """(name, url) of every page to walk, or (name, None) for a route no record fills."""
    with translation.override(settings.LANGUAGE_CODE):
        for name, _route, parts in ROUTES:
            yield name, url_of(name, parts, world)
        for name, model, with_record in modeladmin_routes():
            if not with_record:
                yield name, reverse(name)
                continue
            record = next((v for v in world.values() if isinstance(v, model)), None)
            record = record or model._default_manager.order_by("pk").first()
            yield name, record and reverse(name, kwargs={"instance_pk": record.pk})
        for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
            yield f"page {page.title}", page.url


def is_ours(path):
    """Whether the path is a route of ours (ROUTES, modeladmin) or a Wagtail page."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    names = {name for name, _r, _p in ROUTES}
    return (
        match.view_name in names
        or MODELADMIN.match(match.url_name or "") is not None
        or match.url_name == "wagtail_serve"
    )


# Reading a page's forms and links.


@dataclass
class Field:
    name: str
    type: str  # an <input>'s type, or "select", "textarea"
    value: str = ""
    checked: bool = False
    options: list = field(default_factory=list)  # a select's [(value, selected)]


@dataclass
class Form:
    method: str
    action: str
    fields: list = field(default_factory=list)
    buttons: list = field(default_factory=list)  # named submit buttons: (name, value)


class PageReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.links = [], []
        self._form = self._select = self._option = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(a.get("method", "get").lower() or "get", a.get("action", ""))
            self.forms.append(self._form)
        elif self._form is None or not a.get("name") or "disabled" in a:
            if tag == "option" and self._select is not None:
                self._option = [a.get("value"), "selected" in a]
                self._select.options.append(self._option)
        elif tag in ("input", "button"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            if kind in ("submit", "image"):
                self._form.buttons.append((a["name"], a.get("value", "")))
            elif kind not in ("button", "reset", "file"):  # files: tests of their own
                self._form.fields.append(
                    Field(a["name"], kind, a.get("value", ""), checked="checked" in a)
                )
        elif tag == "select":
            self._select = Field(a["name"], "select")
            self._form.fields.append(self._select)
        elif tag == "textarea":
            self._textarea = Field(a["name"], "textarea")
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        if self._option is not None and self._option[0] is None:
            self._option[0] = data.strip()

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None
        elif tag == "textarea":
            self._textarea = None


# What a person would type where a form leaves a field empty.
FILLERS = {
    "email": "fuzz@example.org",
    "url": "https://example.org/",
    "number": "1",
    "tel": "514 555-0100",
    "time": "10:00",
}


def filled(form):
    """The form's data as a person would send it: its own values, empty fields filled."""
    data = {}
    for f in form.fields:
        if f.type in ("checkbox", "radio"):
            if f.checked or (f.type == "radio" and f.name not in data):
                data.setdefault(f.name, []).append(f.value or "on")
                if f.type == "radio" and f.checked:
                    data[f.name] = [f.value]
        elif f.type == "select":
            chosen = [v for v, selected in f.options if selected and v]
            first = [v for v, _s in f.options if v][:1]
            data.setdefault(f.name, []).extend(chosen or first)
        elif f.value or f.type == "hidden":
            data.setdefault(f.name, []).append(f.value)
        elif f.type == "date":
            data.setdefault(f.name, []).append(day(7))
        elif f.type == "datetime-local":
            data.setdefault(f.name, []).append(day(7) + "T10:00")
        else:
            data.setdefault(f.name, []).append(FILLERS.get(f.type, "Fuzz"))
    return data


def bad_values(f):
    """The kinds of bad value a field gets: wrong type, NUL, oversized; numbers,
    choices and ids also out of range; dates far out; a formset's count huge."""
    values = ["abc", NUL, LONG]
    if f.type in ("number", "hidden", "select", "radio", "checkbox") or f.name.endswith("_FORMS"):
        values += ["-1", HUGE]
    if f.name.endswith("TOTAL_FORMS"):
        values.append("100000")
    if f.type in ("date", "datetime-local", "month") or re.fullmatch(r"\d{4}-\d\d-\d\d", f.value):
        values += ["9999-12-31", "0001-01-01"]
    return values


def alone(f):
    """A formset's counts go alone: a bad one can make every request slow."""
    return f.name.endswith("_FORMS")


# Sending and judging requests.


def shown(params):
    """The parameters, short: long values by their length."""
    return {
        key: (f"<{len(value)} chars>" if len(value) > 40 else value)
        for key, values in params.items()
        for value in values
    }


def where(error):
    """The last line of our code in the error's traceback."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.startswith(str(ROOT))
        and "/tests/" not in frame.filename
        and "/.venv/" not in frame.filename
    ]
    if not frames:
        return ""
    frame = frames[-1]
    return f" at {Path(frame.filename).relative_to(ROOT)}:{frame.lineno}"


class Sweep:
    def __init__(self, clients):
        self.clients = clients
        self.failures = []
        self.requests = 0
        self.cpu = 0.0
        self.slowest = []

    def send(self, person, method, url, params=None):
        """The response (None if it raised), written down if it fails or runs long."""
        params = {key: v if isinstance(v, list) else [v] for key, v in (params or {}).items()}
        client = self.clients[person]
        cookies = copy.deepcopy(client.cookies)  # a sign-out or language change is undone
        target = url if method == "post" or not params else f"{url}?{urlencode(params, True)}"
        response, wrong, spent = self.timed(client, method, target, params)
        if spent > CPU_LIMIT:
            # A slow input is slow every time; a garbage collection or a busy machine
            # is not. Asked again from the same state, only the first kind stays slow.
            client.cookies = copy.deepcopy(cookies)
            gc.collect()
            response, wrong, spent = self.timed(client, method, target, params)
        client.cookies = cookies
        self.slowest = sorted([*self.slowest, (spent, f"{method.upper()} {url}")])[-3:]
        if spent > CPU_LIMIT:
            wrong = (f"{wrong}, " if wrong else "") + f"took {spent:.1f} s of CPU"
        if wrong:
            self.failures.append(f"{person}: {method.upper()} {url} {shown(params)} {wrong}")
        return response

    def timed(self, client, method, target, params):
        """The response (None if it raised), what was wrong with it and its CPU time."""
        started = time.process_time()
        try:
            response = ask(client, method, target, params)
            wrong = f"answered {response.status_code}" if response.status_code >= 500 else None
        except Exception as error:
            response, wrong = None, f"raised {type(error).__name__}: {str(error)[:120]}"
            wrong += where(error)
        spent = time.process_time() - started
        cache.clear()  # rate limits count every request
        self.requests += 1
        self.cpu += spent
        return response, wrong, spent

    def each(self, person, method, url, data, junk):
        """One request with the junk ({name: value}) over the data; if it fails, one
        request a name, so that each failing name is named."""
        before = len(self.failures)
        self.send(person, method, url, {**data, **junk})
        if len(self.failures) > before and len(junk) > 1:
            together = self.failures.pop()
            for name, value in junk.items():
                self.send(person, method, url, {**data, name: value})
            if len(self.failures) == before:  # only all at once
                self.failures.append(together)


@pytest.fixture
def quiet():
    """Failures are listed once, by the test: not each with its traceback in the log."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


def test_no_bad_input_fails_or_runs_long(records, quiet):
    world = records
    clients = {}
    for person in PEOPLE:
        clients[person] = Client(raise_request_exception=True)
        if person != ANONYMOUS:
            clients[person].force_login(world[person])
        clients[person].get("/fr/")  # settings that pages create on first use
    sweep = Sweep(clients)
    unfilled = []

    # Each page, plainly, by each person: what it answers, its forms and parameters.
    plain = {}  # (person, path) → status
    query = {}  # (person, path) → the parameters its forms and links declare
    forms = {}  # (action, fields, button) → (Form, button, [people])
    for name, url in pages_to_walk(world):
        if url is None:
            unfilled.append(name)
            continue
        for person in PEOPLE:
            response = sweep.send(person, "get", url)
            status = plain[person, url] = response.status_code if response else "error"
            query.setdefault((person, url), set())
            if status != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue  # a file (a delivery's photo) has no forms to try
            reader = PageReader()
            reader.feed(response.content.decode(errors="replace"))
            for link in reader.links:
                target = urlsplit(urljoin(url, link))
                if target.path == url and target.query:
                    query[person, url] |= {p.split("=")[0] for p in target.query.split("&")}
            for form in reader.forms:
                action = urlsplit(urljoin(url, form.action)).path
                if not is_ours(action):
                    continue  # signing out, the language, Wagtail's own search
                if form.method == "get":
                    query.setdefault((person, action), set()).update(f.name for f in form.fields)
                    continue
                names = tuple(sorted({f.name for f in form.fields}))
                for button in form.buttons or [None]:
                    entry = forms.setdefault((action, names, button), (form, button, []))
                    if person not in entry[2]:
                        entry[2].append(person)
    assert not unfilled, f"admin screens without a record in the world: {unfilled}"

    # Routes taking a POST that no page showed a form for: the access sweep's action.
    seen = {action for action, _n, _b in forms}
    for name, _route, parts in ROUTES:
        rule = RULES[name]
        url = url_of(name, parts, world)
        if callable(rule.post) and url not in seen:
            people = [p for p in PEOPLE if p in (rule.post_who or rule.who)] or [ANONYMOUS]
            payload = rule.post(world, world.get(people[0]))
            form = Form("post", url, [Field(key, "text", str(v)) for key, v in payload.items()])
            forms[url, tuple(sorted(payload)), None] = (form, None, people)

    # Junk in the query: on a page whose forms or links declare parameters, each kind of
    # value in all of them (and the common ones), sent by one of those who read the page
    # in turn; on any other page, the common names at once, each a kind of its own,
    # shifted from page to page so that each name gets each kind across the sweep.
    for number, url in enumerate(sorted({url for _p, url in plain})):
        readers = [p for p in PEOPLE if plain[p, url] == 200] or PEOPLE
        if not any(query[p, url] for p in readers):
            junk = {n: QUERY_JUNK[(i + number) % len(QUERY_JUNK)] for i, n in enumerate(COMMON)}
            sweep.each(readers[number % len(readers)], "get", url, {}, junk)
            continue
        for turn, value in enumerate(QUERY_JUNK):
            person = readers[turn % len(readers)]
            names = sorted(query[person, url] | set(COMMON))
            sweep.each(person, "get", url, {}, dict.fromkeys(names, value))

    # Each form: as filled by each person who sees it, then empty, then each kind of bad
    # value in every field it suits, the others as filled (with the access sweep's
    # working action where it has one); each date or number field also alone, since a
    # value its field accepts goes on to the form's checks and to the database.
    actions = {}
    for name, _route, parts in ROUTES:
        if callable(RULES[name].post):
            actions[url_of(name, parts, world)] = RULES[name].post
    fuzzed = set()
    for (action, names, button), (form, _b, people) in forms.items():
        turns = count()

        def sender(people=people, turns=turns):
            return people[next(turns) % len(people)]

        def as_filled(person, form=form, action=action, button=button):
            data = filled(form)
            if action in actions:
                payload = actions[action](world, world.get(person))
                data.update({key: [str(value)] for key, value in payload.items()})
            if button:
                data[button[0]] = [button[1]]
            return data

        for person in people:
            sweep.send(person, "post", action, as_filled(person))
        sweep.send(people[0], "post", action, {button[0]: [button[1]]} if button else {})
        if (names, button) in fuzzed:
            continue  # the same form on another page (an admin screen's create and edit)
        fuzzed.add((names, button))
        fields = [f for f in form.fields if f.name != "csrfmiddlewaretoken"]
        for value in POST_JUNK:
            names = [f.name for f in fields if value in bad_values(f) and not alone(f)]
            if names:
                person = sender()
                sweep.each(person, "post", action, as_filled(person), dict.fromkeys(names, value))
        for f in fields:
            if alone(f):
                for value in bad_values(f):
                    person = sender()
                    sweep.each(person, "post", action, as_filled(person), {f.name: value})
            elif f.type in ("date", "datetime-local", "month", "number"):
                for value in bad_values(f)[3:]:
                    person = sender()
                    sweep.each(person, "post", action, as_filled(person), {f.name: value})

    print(f"{sweep.requests} requests, {sweep.cpu:.0f} s of CPU; slowest:")
    print("\n".join(f"  {spent:.2f} s {request}" for spent, request in sweep.slowest))
    assert not sweep.failures, f"{len(sweep.failures)} failures:\n" + "\n".join(sweep.failures)
