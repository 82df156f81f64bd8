"""Every spreadsheet a staff member downloads, in CSV and in XLSX: Excel (as used in
Québec) reads its accents, and text that people wrote is never run as a formula. The
exports are found in the URLconf (each modeladmin list with `list_export`, each admin
report), so a new one is checked too."""

import csv
import io
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.http import QueryDict
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Workflow
from wagtail_modeladmin.options import ModelAdmin

import openpyxl
import pytest

from cms.models import FundingDeadline, FundingGuidePage, FundingIndexPage
from community.models import (
    FollowUp,
    Interaction,
    Learning,
    Membership,
    Need,
    Outcome,
    Registration,
    SurplusLot,
)
from directory.models import PriceObservation

BOM = b"\xef\xbb\xbf"
LINK = '=HYPERLINK("http://x")'
PAYLOADS = (LINK, "-2+3", "@SUM(A1)", "+1", "\t=1")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
A_NUMBER = re.compile(r"-?\d+(\.\d+)?")
NOW = datetime(2026, 6, 15, 14, 0, tzinfo=ZoneInfo("America/Toronto"))


def _named_patterns(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_patterns(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def wagtail_exports():
    """The URL names of every list and report that Wagtail exports: modeladmin lists with
    `list_export`, and views built on Wagtail's SpreadsheetExportMixin (reports, redirects)
    that have one. A list's "…_results" twin serves the same rows and is left out."""
    patterns = list(_named_patterns(get_resolver().url_patterns))  # loads the admin hooks
    names = {
        f"{admin.model._meta.app_label}_{admin.model._meta.model_name}_modeladmin_index"
        for admin in _subclasses(ModelAdmin)
        if getattr(admin, "model", None) is not None and admin.list_export
    }
    for name, pattern in patterns:
        view_class = getattr(pattern.callback, "view_class", None)
        if (
            view_class
            and issubclass(view_class, SpreadsheetExportMixin)
            and (pattern.callback.view_initkwargs.get("list_export") or view_class.list_export)
            and not pattern.name.endswith("_results")
        ):
            names.add(name)
    return sorted(names)


WAGTAIL_EXPORTS = wagtail_exports()
# Ours (community/exports.py); {…} are filled from the `hostile` fixture.
OUR_EXPORTS = (
    "/admin/network-figures/",
    "/admin/workspace/producers/{producer}/",
    "/admin/workspace/organisations/{organisation}/",
    "/admin/workspace/triage/?days=0",
)
# Exports without a cell that people write: only the file's encoding and numbers to check.
WITHOUT_TEXT_FROM_PEOPLE = {"/admin/network-figures/"}


def test_the_exports_are_all_found():
    """The list of exports is not empty by mistake: a change to how Wagtail routes them
    would otherwise leave them all unchecked."""
    assert {
        "community_interaction_modeladmin_index",
        "community_registration_modeladmin_index",
        "directory_producer_modeladmin_index",
        "wagtailadmin_reports:site_history",
        "closed_funding_guides",
    } <= set(WAGTAIL_EXPORTS)
    assert len(WAGTAIL_EXPORTS) >= 20


@pytest.fixture
def staff(user_factory):
    """Who may download every export (modeladmin lists, every report, redirects)."""
    return user_factory(is_superuser=True)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def hostile(
    home_pages,
    user_factory,
    organisation_factory,
    producer_factory,
    product_factory,
    offer_factory,
    event_factory,
):
    """One of each record, written by a member, an organisation and a producer whose
    names, phone and notes start like formulas."""
    mallory = user_factory(first_name=LINK, groups=["Editors", "Moderators"])
    organisation = organisation_factory(name="@SUM(A1)", website="https://x.example")
    Membership.objects.create(user=mallory, organisation=organisation, role="member")
    producer = producer_factory(name=LINK, phone="-2+3", email="x@example.org")
    product = product_factory(name_fr="+1", name_en="+1")
    offer_factory(producer=producer, product=product, price="2.50")
    PriceObservation.objects.create(
        product=product, observed_on=date(2026, 5, 1), price=Decimal("2"), source="\t=1"
    )
    Need.objects.create(
        organisation=organisation,
        posted_by=mallory,
        product=product,
        quantity=Decimal("40"),
        unit="kg",
        wanted_from=date(2026, 6, 1),
        wanted_until=date(2026, 12, 31),
    )
    SurplusLot.objects.create(
        producer=producer,
        posted_by=mallory,
        product=product,
        quantity=Decimal("10"),
        remaining=Decimal("10"),
        pickup_place="-2+3",
        pickup_from=NOW,
        pickup_until=NOW + timedelta(days=1),
        expires_at=NOW + timedelta(days=2),
    )
    event = event_factory(title="Atelier consigné")
    Registration.objects.create(event=event, user=mallory, status=Registration.Status.CONFIRMED)
    Interaction.objects.create(
        kind="call", producer=producer, organisation=organisation, people="-2+3",
        notes="\t=1", logged_by=mallory,
    )  # fmt: skip
    FollowUp.objects.create(
        what="@SUM(A1)", due_on=date(2026, 6, 20), producer=producer, assigned_to=mallory,
        created_by=mallory,
    )  # fmt: skip
    Outcome.objects.create(
        kind="first_purchase", producer=producer, organisation=organisation, notes="+1",
        recorded_by=mallory,
    )  # fmt: skip
    Learning.objects.create(
        title=LINK, topic="logistics", text="-2+3", producer=producer, written_by=mallory
    )
    # The reports: a funding guide that closed, published and locked by the member, in
    # the workflow; a redirect to a formula.
    funding = home_pages["fr"].add_child(instance=FundingIndexPage(title="Financement"))
    funding.save_revision().publish()
    guide = funding.add_child(instance=FundingGuidePage(title=LINK, funder="Ville"))
    guide.save_revision(user=mallory).publish(user=mallory)
    FundingDeadline.objects.create(page=guide, date=date(2026, 1, 31))
    FundingGuidePage.objects.filter(pk=guide.pk).update(
        locked=True, locked_by=mallory, locked_at=timezone.now()
    )
    Workflow.objects.get(name="Moderators approval").start(guide, mallory)
    Redirect.objects.create(old_path="/ancien", redirect_link=LINK)
    return {"producer": producer.pk, "organisation": organisation.pk}


def export_urls():
    return [pytest.param(name, "export", id=name) for name in WAGTAIL_EXPORTS] + [
        pytest.param(url, "format", id=url) for url in OUR_EXPORTS
    ]


def download(client, hostile, url, parameter, export_format):
    url, _, query = (url.format(**hostile) if url.startswith("/") else reverse(url)).partition("?")
    response = client.get(url, {**QueryDict(query).dict(), parameter: export_format})
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def read_csv(body):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def read_xlsx(body):
    """The rows as a CSV of the site would write them: a quote-prefixed text with its
    apostrophe."""
    sheet = openpyxl.load_workbook(io.BytesIO(body)).worksheets[0]
    return [
        [
            (("'" if cell.quotePrefix else "") + cell.value)
            if cell.data_type == "s"
            else cell.value
            for cell in row
        ]
        for row in sheet.iter_rows()
    ]


def cells(rows):
    return [cell for row in rows for cell in row if isinstance(cell, str)]


def assert_no_formula(rows, url):
    """No cell starts like a formula, and this export did carry the hostile text."""
    for cell in cells(rows):
        assert not cell.startswith(FORMULA_STARTS) or A_NUMBER.fullmatch(cell), (url, cell)
    if url not in WITHOUT_TEXT_FROM_PEOPLE:
        assert {"'" + payload for payload in PAYLOADS} & set(cells(rows)), url


@pytest.mark.parametrize(("url", "parameter"), export_urls())
def test_every_export_opens_in_excel_with_its_accents_and_no_formula(
    client, staff, hostile, url, parameter
):
    """As CSV: UTF-8 with its byte-order mark. As XLSX: the same header and rows. In
    both, the hostile text is there, and neutralised."""
    client.force_login(staff)
    response, body = download(client, hostile, url, parameter, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('.csv"')
    assert body.startswith(BOM)
    in_csv = read_csv(body)
    assert_no_formula(in_csv, url)

    response, body = download(client, hostile, url, parameter, "xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(body)).worksheets[0]
    assert not [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    rows = read_xlsx(body)
    assert rows[0] == in_csv[0] and len(rows) == len(in_csv)
    for row, csv_row in zip(rows[1:], in_csv[1:], strict=True):
        texts = [(cell, csv_row[i]) for i, cell in enumerate(row) if isinstance(cell, str)]
        assert all(cell == in_text for cell, in_text in texts), (url, row, csv_row)
    assert_no_formula(rows, url)


def test_the_admin_csv_keeps_its_accents(client, staff, hostile):
    """The defect as reported: Excel read "Consigné Par" as "ConsignÃ© Par"."""
    client.force_login(staff)
    response, body = download(
        client, hostile, "community_interaction_modeladmin_index", "export", "csv"
    )
    header = read_csv(body)[0]
    assert "Consigné par" in header and "Personnes" in header
    assert body.startswith(BOM + b"Date")


def test_numbers_stay_numbers_and_text_that_looks_like_one_is_text():
    """A price of -2 is a number, written as one; a phone "-2" that a person typed is
    text, and a spreadsheet must not compute with it."""
    from community.exports import csv_cell

    assert csv_cell(Decimal("-2")) == Decimal("-2") and csv_cell(-2) == -2
    assert csv_cell("-2") == "'-2" and csv_cell("-2+3") == "'-2+3"
    assert csv_cell(None) == "" and csv_cell("Ferme Lebeau") == "Ferme Lebeau"


def test_the_figures_are_numbers_in_the_xlsx(client, staff, hostile):
    client.force_login(staff)
    _response, body = download(client, hostile, "/admin/network-figures/", "format", "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(body)).worksheets[0]
    assert {cell.data_type for row in sheet.iter_rows(min_row=2, min_col=2) for cell in row} == {
        "n"
    }


@pytest.mark.parametrize("url", OUR_EXPORTS)
def test_pages_with_a_csv_download_offer_excel_too(client, staff, hostile, url):
    client.force_login(staff)
    page = client.get(url.format(**hostile)).content.decode()
    assert "format=csv" in page and "format=xlsx" in page
    assert "Télécharger pour Excel (XLSX)" in page
