"""Importing producers and offers from the procurement specialist's spreadsheet: the
file format, the all-or-nothing rule, the command and the admin screens."""

from datetime import date
from decimal import Decimal
from io import StringIO

from django.contrib.auth.models import Group, Permission
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

import pytest

from directory.importing import CellError, apply, parse_months, plan_import, run_import
from directory.models import Offer, Producer
from directory.seasons import ALL_YEAR, mask_to_months, months_to_mask

HEADER = (
    "name,kind,address,city,postal_code,area,latitude,longitude,distance,phone,email,website,"
    "description,carte_proximite,pickup,minimum_order,product,unit,price,price_date,months,grade,"
    "organic,weekly_capacity"
)
GOOD_CSV = "\n".join(
    [
        HEADER,
        "Ferme des Quatre Vents,farm,12 rang Saint-Paul,Saint-Rémi,J0L 2L0,Le Sud-Ouest,45.2633,"
        "-73.615,regional,450 555-0101,info@quatrevents.example,https://quatrevents.example,"
        "Légumes de champ,yes,yes,100.00,Carrot,kg,2.50,2026-06-01,7-10,standard,no,200",
        "Ferme des Quatre Vents,,,,,,,,,,,,,,,,Apple,lb,1.20,2026-06-01,9-11,seconds,yes,",
        "Marché Atwater,public market,138 avenue Atwater,Montréal,,le-sud-ouest,,,local,,,,,x,,,,,,,,,,",
    ]
).encode()

FRENCH_CSV = "\r\n".join(
    [
        "Nom;Type;Ville;Arrondissement ou région;Distance;Carte proximité;Cueillette;"
        "Commande minimum;Produit;Unité;Prix;Date du prix;Mois;Qualité;Bio;Capacité hebdomadaire",
        "Ferme Côté;ferme;Châteauguay;le sud-ouest;régional;oui;non;75,50;carotte;kg;2,50;"
        "15/06/2026;juin-octobre;;non;1 200,5",
        "Ferme Côté;;;;;;;;Pomme;unité;0,75;;nov-mars;déclassés;oui;",
        "Marché Jean-Talon;marché public;Montréal;;local;x;;;;;;;;;;",
    ]
).encode("cp1252")


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English source form."""
    with translation.override("en"):
        yield


@pytest.fixture
def catalogue(area_factory, product_factory):
    """The boroughs and products the files refer to."""
    return {
        "area": area_factory(name="Le Sud-Ouest"),
        "carrot": product_factory(name_fr="Carotte", name_en="Carrot"),
        "apple": product_factory(name_fr="Pomme", name_en="Apple"),
    }


def lines(*rows):
    return "\n".join([HEADER, *rows]).encode()


def row(name="Ferme Test", product="", unit="", price="", months="", **columns):
    """A line of the English file with the given cells, the others empty."""
    cells = dict.fromkeys(HEADER.split(","), "")
    cells.update(name=name, product=product, unit=unit, price=price, months=months, **columns)
    return ",".join(cells.values())


def errors_by_position(result):
    return {(error.line, error.column): error.message for error in result.errors}


# The file format


def test_a_good_utf8_file_creates_producers_and_offers(catalogue):
    """Each producer once, each offer under its producer, with every column read."""
    result = run_import(GOOD_CSV)

    assert result.errors == []
    assert (result.producers_created, result.offers_created) == (2, 2)
    farm = Producer.objects.get(slug="ferme-des-quatre-vents")
    assert farm.kind == Producer.Kind.FARM
    assert farm.city == "Saint-Rémi"
    assert farm.area == catalogue["area"]
    assert farm.latitude == Decimal("45.2633")
    assert farm.distance_class == Producer.DistanceClass.REGIONAL
    assert farm.accepts_carte_proximite and farm.pickup_available
    assert farm.minimum_order == Decimal("100.00")
    carrots = farm.offers.get(product=catalogue["carrot"])
    assert (carrots.unit, carrots.price, carrots.price_seen_on) == (
        "kg",
        Decimal("2.50"),
        date(2026, 6, 1),
    )
    assert carrots.month_list == [7, 8, 9, 10]
    assert carrots.weekly_capacity == Decimal("200")
    apples = farm.offers.get(product=catalogue["apple"])
    assert (apples.unit, apples.grade, apples.organic) == ("lb", Offer.Grade.SECONDS, True)
    market = Producer.objects.get(slug="marche-atwater")
    assert market.kind == Producer.Kind.PUBLIC_MARKET
    assert market.area == catalogue["area"]  # matched by slug
    assert market.offers.count() == 0


def test_a_french_excel_file_semicolons_windows_1252_decimal_commas_works(catalogue):
    """Excel's "CSV (séparateur: point-virgule)": French headers, labels and numbers."""
    result = run_import(FRENCH_CSV)

    assert result.errors == []
    assert (result.encoding, result.delimiter) == ("Windows-1252", ";")
    farm = Producer.objects.get(name="Ferme Côté")
    assert farm.city == "Châteauguay"
    assert farm.area == catalogue["area"]
    assert farm.distance_class == Producer.DistanceClass.REGIONAL
    assert farm.accepts_carte_proximite and not farm.pickup_available
    assert farm.minimum_order == Decimal("75.50")
    carrots = farm.offers.get(product=catalogue["carrot"])
    assert carrots.price == Decimal("2.50")
    assert carrots.price_seen_on == date(2026, 6, 15)
    assert carrots.month_list == [6, 7, 8, 9, 10]
    assert carrots.weekly_capacity == Decimal("1200.50")
    apples = farm.offers.get(product=catalogue["apple"])
    assert (apples.unit, apples.price, apples.grade) == (
        "unit",
        Decimal("0.75"),
        Offer.Grade.SECONDS,
    )
    assert apples.month_list == [1, 2, 3, 11, 12]
    assert Producer.objects.get(name="Marché Jean-Talon").kind == Producer.Kind.PUBLIC_MARKET


def test_utf8_with_a_byte_order_mark_keeps_its_first_header(catalogue):
    result = run_import(b"\xef\xbb\xbf" + FRENCH_CSV.decode("cp1252").encode("utf-8"))

    assert result.errors == []
    assert result.encoding == "UTF-8"
    assert Producer.objects.filter(name="Ferme Côté").exists()


def test_headers_ignore_case_accents_and_underscores(catalogue):
    data = (
        "NOM;code_postal;TELEPHONE;Site Web\nFerme Nord;J0L 1A0;514 555-0199;ferme-nord.example\n"
    )

    result = run_import(data.encode())

    assert result.errors == []
    farm = Producer.objects.get(name="Ferme Nord")
    assert (farm.postal_code, farm.phone) == ("J0L 1A0", "514 555-0199")
    assert farm.website == "https://ferme-nord.example"


def test_unknown_columns_are_reported_and_ignored(catalogue):
    result = run_import(b"nom,notes internes\nFerme Sud,appeler en mai\n")

    assert result.errors == []
    assert result.ignored_columns == ["notes internes"]
    assert Producer.objects.filter(name="Ferme Sud").exists()


def test_a_file_without_a_name_column_is_refused(db):
    result = run_import(b"ville,produit\nMontreal,Carotte\n")

    assert [(error.line, error.message) for error in result.errors] == [
        (1, "The file has no “nom” (or “name”) column.")
    ]


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("6-10", [6, 7, 8, 9, 10]),
        ("juin-octobre", [6, 7, 8, 9, 10]),
        ("6,7,8", [6, 7, 8]),
        ("nov-mars", [1, 2, 3, 11, 12]),
        ("Décembre – février", [1, 2, 12]),
        ("juin à août", [6, 7, 8]),
        ("juin, juillet et août", [6, 7, 8]),
        ("sept.", [9]),
        ("toute l'année", list(range(1, 13))),
        ("Toute l’année", list(range(1, 13))),
        ("all year", list(range(1, 13))),
    ],
)
def test_months_are_read_the_ways_people_write_them(text, months):
    assert mask_to_months(parse_months(text)) == months


@pytest.mark.parametrize("text", ["13", "juin-", "été", "6-7-8"])
def test_months_that_are_not_months_are_refused(text):
    with pytest.raises(CellError, match="is not a list of months"):
        parse_months(text)


# Errors: every one reported, nothing written


def test_every_bad_row_is_reported_with_its_line_and_reason_and_nothing_is_written(catalogue):
    data = lines(
        row("Ferme Bonne", "Carrot", "kg", "2.50", "6-10"),
        row("Ferme A", "Kiwano", "kg", "3", "6-10"),
        row("Ferme B", "Carrot", "kg", "-1", "6-10"),
        row("Ferme C", "Carrot", "kg", "2", "été"),
        row("Ferme D", latitude="123"),
        row("Ferme E", area="Atlantide"),
        row("", city="Montréal"),
        row("Ferme F", "Carrot", "", "2", "6"),
        row("Ferme G", kind="vaisseau spatial"),
        row("Ferme H", price="2.50"),
        row("Ferme " + "I" * 200),
    )

    result = run_import(data)

    errors = errors_by_position(result)
    assert "Unknown product “Kiwano”" in errors[(3, "product")]
    assert errors[(4, "price")] == "A price cannot be negative."
    assert "“été” is not a list of months" in errors[(5, "months")]
    assert "above the largest accepted value, 90" in errors[(6, "latitude")]
    assert errors[(7, "area")] == "Unknown borough or region “Atlantide”."
    assert errors[(8, "name")] == "A name is required."
    assert errors[(9, "unit")] == "A unit is required with a product."
    assert "“vaisseau spatial” is not one of the accepted values" in errors[(10, "kind")]
    assert errors[(11, "price")] == "This line describes an offer but names no product."
    assert errors[(12, "name")] == "This text is too long: at most 200 characters."
    assert len(result.errors) == 10
    assert result.producers_created == 0
    assert not Producer.objects.exists()
    assert not Offer.objects.exists()


def test_one_bad_last_row_stops_the_whole_file(catalogue):
    data = lines(
        row("Ferme Un", "Carrot", "kg", "2.50", "6-10"),
        row("Ferme Deux", "Apple", "kg", "1.50", "9-11"),
        row("Ferme Trois", "Carrot", "kg", "2.50", "6-10"),
        row("Ferme Quatre", "Carrot", "kg", "abc", "6-10"),
    )

    result = run_import(data)

    assert [(error.line, error.column) for error in result.errors] == [(5, "price")]
    assert not Producer.objects.exists()
    assert not Offer.objects.exists()


def test_malformed_csv_is_refused_with_its_line(catalogue):
    data = HEADER.encode() + b'\nFerme Un,farm\nFerme "Deux",farm,"12 rue\n'

    result = run_import(data)

    assert result.errors and result.errors[0].line == 3
    assert "not valid CSV" in result.errors[0].message
    assert not Producer.objects.exists()


def test_an_unquoted_decimal_comma_in_a_comma_file_is_caught(catalogue):
    """2,50 in a comma file shifts every following cell: better an error than a wrong price."""
    data = b"name,product,unit,price,months\nFerme Un,Carrot,kg,2,50,6-10\n"

    result = run_import(data)

    assert [error.line for error in result.errors] == [2]
    assert "more cells than the header" in result.errors[0].message
    assert not Producer.objects.exists()


def test_the_same_offer_twice_in_a_file_is_an_error(catalogue):
    data = lines(
        row("Ferme Un", "Carrot", "kg", "2.50", "6-10"),
        row("Ferme Un", "Carotte", "kg", "2.75", "6-10"),
    )

    result = run_import(data)

    assert errors_by_position(result)[(3, "product")].endswith("is already on line 2.")


def test_a_producer_with_two_different_values_is_an_error(catalogue):
    data = lines(row("Ferme Un", city="Laval"), row("Ferme Un", city="Longueuil"))

    result = run_import(data)

    assert "on line 2" in errors_by_position(result)[(3, "city")]


def test_a_failure_while_writing_rolls_everything_back(catalogue, producer_factory):
    """If the database refuses a row mid-way (another import got there first), the rows
    already written are undone too."""
    plan = plan_import(lines(row("Ferme Un"), row("Ferme Deux")))
    producer_factory(name="Ferme Deux", slug="ferme-deux")  # created behind the plan's back

    with pytest.raises(IntegrityError):
        apply(plan)

    assert not Producer.objects.filter(slug="ferme-un").exists()


# Re-import and dry run


def test_importing_the_same_file_again_changes_nothing(catalogue):
    run_import(FRENCH_CSV)
    stamps = {
        "producers": dict(Producer.objects.values_list("pk", "updated_at")),
        "offers": dict(Offer.objects.values_list("pk", "updated_at")),
    }

    result = run_import(FRENCH_CSV)

    assert result.errors == []
    assert (result.producers_created, result.producers_updated, result.producers_unchanged) == (
        0,
        0,
        2,
    )
    assert (result.offers_created, result.offers_updated, result.offers_unchanged) == (0, 0, 2)
    assert result.changes == []
    assert dict(Producer.objects.values_list("pk", "updated_at")) == stamps["producers"]
    assert dict(Offer.objects.values_list("pk", "updated_at")) == stamps["offers"]


def test_existing_entries_change_only_where_the_file_differs(
    catalogue, producer_factory, offer_factory
):
    farm = producer_factory(
        name="Ferme Un", slug="ferme-un", phone="450 555-0000", description="Written by the farm."
    )
    offer = offer_factory(
        producer=farm, product=catalogue["carrot"], unit="kg", price="2.00", months=[6, 7]
    )

    result = run_import(lines(row("Ferme Un", "Carrot", "kg", "2.40", "6-7", phone="450 555-0101")))

    assert (result.producers_updated, result.offers_updated, result.offers_created) == (1, 1, 0)
    assert [change.fields for change in result.changes] == [("phone",), ("unit price ($)",)]
    farm.refresh_from_db()
    assert farm.phone == "450 555-0101"
    assert farm.description == "Written by the farm."  # an empty cell erases nothing
    offer.refresh_from_db()
    assert offer.price == Decimal("2.40")
    assert offer.months == months_to_mask([6, 7])


def test_a_dry_run_counts_the_changes_but_writes_nothing(catalogue):
    result = run_import(GOOD_CSV, dry_run=True)

    assert result.dry_run
    assert (result.producers_created, result.offers_created) == (2, 2)
    assert [change.label for change in result.changes][:2] == [
        "Ferme des Quatre Vents",
        "Carrot — Ferme des Quatre Vents",
    ]
    assert not Producer.objects.exists()
    assert not Offer.objects.exists()


def test_all_year_is_stored_as_every_month(catalogue):
    run_import(lines(row("Ferme Un", "Carrot", "kg", "", "toute l'année")))

    assert Offer.objects.get().months == ALL_YEAR
    assert Offer.objects.get().price is None


# The management command


def write(tmp_path, data, name="entries.csv"):
    file = tmp_path / name
    file.write_bytes(data)
    return str(file)


def test_command_dry_run_reports_and_writes_nothing(catalogue, tmp_path):
    out = StringIO()

    call_command("import_directory", write(tmp_path, GOOD_CSV), "--dry-run", stdout=out)

    assert "Dry run: nothing was written." in out.getvalue()
    assert "Producers: 2 created" in out.getvalue()
    assert not Producer.objects.exists()


def test_command_imports_with_progress_and_a_summary(catalogue, tmp_path):
    data = lines(*[row(f"Ferme {number}", "Carrot", "kg", "2.50", "6-10") for number in range(120)])
    out = StringIO()

    call_command("import_directory", write(tmp_path, data), stdout=out)

    output = out.getvalue()
    assert "Importing 50/120 rows" in output
    assert "Importing 100/120 rows" in output
    assert "Importing 120/120 rows" in output
    assert "Importing 51/120 rows" not in output
    assert "Producers: 120 created, 0 updated, 0 unchanged. Offers: 120 created" in output
    assert Offer.objects.count() == 120


def test_command_lists_the_errors_and_fails(catalogue, tmp_path):
    data = lines(
        row("Ferme Un", "Carrot", "kg", "2.50", "6-10"), row("Ferme Deux", "Kiwano", "kg", "1", "6")
    )
    err = StringIO()

    with pytest.raises(CommandError, match="1 error"):
        call_command("import_directory", write(tmp_path, data), stdout=StringIO(), stderr=err)

    assert "Line 3, column “product”: Unknown product “Kiwano”" in err.getvalue()
    assert not Producer.objects.exists()


def test_command_says_when_the_file_is_missing(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_directory", str(tmp_path / "missing.csv"))


# The admin screens


@pytest.fixture
def import_url(settings, tmp_path):
    """The import page's address; uploads go to a temporary media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return reverse("directory_import")


IMPORT_PERMISSIONS = {
    "content_type__app_label": "directory",
    "codename__in": ["add_producer", "change_producer"],
}


@pytest.fixture
def editors_may_import(db):
    Group.objects.get(name="Editors").permissions.add(
        *Permission.objects.filter(**IMPORT_PERMISSIONS)
    )


@pytest.fixture
def editors_may_not_import(db):
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.remove(*Permission.objects.filter(**IMPORT_PERMISSIONS))


@pytest.fixture
def admin_client(client, editor, editors_may_import):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(editor)
    return client


def upload(client, url, data, name="entries.csv", content_type="text/csv"):
    return client.post(
        url, {"action": "upload", "file": SimpleUploadedFile(name, data, content_type=content_type)}
    )


def stored_imports():
    if not default_storage.exists("directory-imports"):
        return []
    return default_storage.listdir("directory-imports")[1]


def test_anonymous_visitors_are_sent_to_sign_in(client, import_url):
    response = client.get(import_url)

    assert response.status_code == 302
    assert "login" in response.url


def test_plain_members_are_refused(client, member, import_url, catalogue):
    client.force_login(member)

    response = upload(client, import_url, GOOD_CSV)

    assert response.status_code == 302
    assert "login" in response.url
    assert not Producer.objects.exists()


def test_admin_users_without_the_directory_permissions_are_refused(
    client, editor, editors_may_not_import, import_url, catalogue
):
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    response = upload(client, import_url, GOOD_CSV)

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert not Producer.objects.exists()
    assert stored_imports() == []


def test_editor_uploads_previews_and_confirms(admin_client, import_url, catalogue):
    page = admin_client.get(import_url)
    assert page.status_code == 200
    assert "directory/admin/import.html" in [template.name for template in page.templates]

    preview = upload(admin_client, import_url, FRENCH_CSV)

    assert preview.status_code == 200
    content = preview.content.decode()
    assert "Confirm import" in content
    assert "Ferme Côté" in content and "Carrot — Ferme Côté" in content
    assert (
        preview.context["result"].producers_created,
        preview.context["result"].offers_created,
    ) == (2, 2)
    assert not Producer.objects.exists()
    token = preview.context["token"]
    assert stored_imports() == [f"{token}.csv"]

    done = admin_client.post(import_url, {"action": "confirm", "token": token})

    assert done.status_code == 302
    assert done.url == reverse("directory_producer_modeladmin_index")
    message = "Import done. Entries: 2 created, 0 updated. Offers: 2 created"
    assert message in admin_client.get(import_url).content.decode()
    assert Producer.objects.filter(name="Ferme Côté").exists()
    assert Offer.objects.count() == 2
    assert stored_imports() == []


def test_the_preview_lists_errors_with_their_lines_and_offers_no_confirmation(
    admin_client, import_url, catalogue
):
    data = lines(
        row("Ferme Un", "Carrot", "kg", "2.50", "6-10"), row("Ferme Deux", "Kiwano", "kg", "1", "6")
    )

    response = upload(admin_client, import_url, data)

    content = response.content.decode()
    assert "The file has 1 error: nothing will be imported." in content
    assert "<td>3</td>" in content and "Unknown product “Kiwano”" in content
    assert "Confirm import" not in content
    assert stored_imports() == []
    assert not Producer.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        (
            "entries.xlsx",
            b"PK\x03\x04 spreadsheet",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("entries.csv", b"%PDF-1.7", "application/pdf"),
        ("entries.pdf", GOOD_CSV, "text/csv"),
    ],
)
def test_a_file_that_is_not_csv_gets_a_clear_message(
    admin_client, import_url, catalogue, name, data, content_type
):
    response = upload(admin_client, import_url, data, name=name, content_type=content_type)

    assert response.status_code == 400
    assert "This is not a CSV file" in response.content.decode()
    assert response.context["form"].errors["file"]
    assert not Producer.objects.exists()
    assert stored_imports() == []


def test_a_spreadsheet_renamed_to_csv_is_refused(admin_client, import_url, catalogue):
    response = upload(admin_client, import_url, b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00")

    assert response.status_code == 400
    assert "not a text CSV file" in response.content.decode()


def test_a_web_page_named_csv_is_refused(admin_client, import_url, catalogue):
    data = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"

    response = upload(admin_client, import_url, data)

    assert response.status_code == 400
    assert (
        "The content of this file does not match its .csv extension." in response.content.decode()
    )
    assert stored_imports() == []


def test_a_file_over_5_mb_is_refused(admin_client, import_url, catalogue):
    data = GOOD_CSV + b"\n" * (5 * 1024 * 1024)

    response = upload(admin_client, import_url, data)

    assert response.status_code == 400
    assert "larger than 5 MB" in response.content.decode()


@pytest.mark.parametrize("token", ["../../etc/passwd", "directory-imports/x", "0" * 32])
def test_a_tampered_token_is_refused(admin_client, import_url, catalogue, token):
    preview = upload(admin_client, import_url, GOOD_CSV)
    assert preview.context["token"]

    response = admin_client.post(import_url, {"action": "confirm", "token": token})

    assert response.status_code == 400
    assert "This import is no longer available" in response.content.decode()
    assert not Producer.objects.exists()


def test_a_token_cannot_be_confirmed_twice(admin_client, import_url, catalogue):
    token = upload(admin_client, import_url, GOOD_CSV).context["token"]
    admin_client.post(import_url, {"action": "confirm", "token": token})
    Producer.objects.all().delete()

    response = admin_client.post(import_url, {"action": "confirm", "token": token})

    assert response.status_code == 400
    assert not Producer.objects.exists()


def test_cancelling_deletes_the_waiting_file(admin_client, import_url, catalogue):
    token = upload(admin_client, import_url, GOOD_CSV).context["token"]

    response = admin_client.post(import_url, {"action": "cancel", "token": token})

    assert response.status_code == 302
    assert stored_imports() == []
    assert not Producer.objects.exists()


# How to order, labels and markets: the columns the demo's spreadsheet needs too

ORDERING_CSV = "\n".join(
    [
        "nom;type;livre à;certifications;remises sur volume;jours de livraison;"
        "délai de commande (jours);commande par téléphone;commande en ligne;plateforme;"
        "dons;glanage;détails de la cueillette;vérifié le",
        "Ferme Côté;ferme;Verdun, le-sud-ouest;Biologique (Ecocert Canada), Aliments du Québec;"
        '"100 kg: 5 %; 250 kg: 10 %";mardi et vendredi;2;oui;non;ProxiFerme;oui;non;'
        "À la ferme, le samedi;15/11/2026",
    ]
).encode()


@pytest.fixture
def labels(catalogue, area_factory, certification_factory, category_factory):
    return {
        "verdun": area_factory(name="Verdun"),
        "organic": certification_factory("Biologique (Ecocert Canada)", "Organic (Ecocert)"),
        "quebec": certification_factory("Aliments du Québec", "Foods of Québec", False),
        "vegetables": category_factory("Légumes", "Vegetables"),
        "eggs": category_factory("Œufs", "Eggs"),
    }


def test_delivery_labels_discounts_and_how_to_order_are_imported(labels, catalogue):
    """An entry's delivery areas, certifications, volume discounts, ordering and
    verification date come from the spreadsheet as an editor would type them."""
    result = run_import(ORDERING_CSV)

    assert result.errors == []
    farm = Producer.objects.get(slug="ferme-cote")
    assert set(farm.delivery_areas.all()) == {labels["verdun"], catalogue["area"]}
    assert set(farm.certifications.all()) == {labels["organic"], labels["quebec"]}
    assert [(tier.min_quantity, tier.unit, tier.percent) for tier in farm.discount_tiers.all()] == [
        (Decimal(100), "kg", Decimal(5)),
        (Decimal(250), "kg", Decimal(10)),
    ]
    assert farm.delivery_days == "mardi et vendredi"
    assert farm.order_lead_time_days == 2
    assert (farm.orders_by_phone, farm.orders_by_email, farm.orders_by_website) == (
        True,
        False,
        False,
    )
    assert farm.ordering_platform == "ProxiFerme"
    assert (farm.open_to_donations, farm.open_to_gleaning) == (True, False)
    assert farm.pickup_details == "À la ferme, le samedi"
    assert farm.last_verified_on == date(2026, 11, 15)


def test_a_market_gets_its_hours_season_and_categories(labels):
    """A market's opening hours, season dates and the categories it sells."""
    data = (
        "name;kind;opening hours;season starts;season ends;categories sold\n"
        'Marché Test;marché public;"Samedi, 9 h à 13 h";2026-06-01;31/10/2026;légumes, oeufs\n'
    ).encode()

    assert run_import(data).errors == []

    market = Producer.objects.get(slug="marche-test")
    assert market.opening_hours == "Samedi, 9 h à 13 h"
    assert (market.season_start, market.season_end) == (date(2026, 6, 1), date(2026, 10, 31))
    assert set(market.categories_sold.all()) == {labels["vegetables"], labels["eggs"]}


def test_importing_lists_and_discounts_again_changes_nothing(labels):
    run_import(ORDERING_CSV)
    stamp = Producer.objects.get(slug="ferme-cote").updated_at

    result = run_import(ORDERING_CSV)

    assert result.errors == []
    assert (result.producers_updated, result.producers_unchanged) == (0, 1)
    assert Producer.objects.get(slug="ferme-cote").updated_at == stamp


def test_a_changed_list_replaces_the_old_one(labels, catalogue):
    run_import(ORDERING_CSV)
    data = b"name,delivers to,volume discounts\nFerme C\xc3\xb4t\xc3\xa9,Verdun,50 douzaine: 3 %\n"

    result = run_import(data)

    assert result.errors == []
    assert [change.fields for change in result.changes] == [("delivers to", "volume discounts")]
    farm = Producer.objects.get(slug="ferme-cote")
    assert list(farm.delivery_areas.all()) == [labels["verdun"]]
    assert [(tier.min_quantity, tier.unit) for tier in farm.discount_tiers.all()] == [
        (Decimal(50), "dozen")
    ]
    assert farm.certifications.count() == 2  # no certifications column: kept


@pytest.mark.parametrize(
    "column, text, message",
    [
        ("delivers to", "Verdun, Atlantide", "Unknown borough or region “Atlantide”."),
        ("certifications", "Biologique, Label Rouge", "Unknown certification “Label Rouge”."),
        ("categories sold", "Chaussures", "Unknown category “Chaussures”."),
        ("volume discounts", "beaucoup", "Write volume discounts as"),
        ("volume discounts", "100 kg: 5 %; plein", "Write volume discounts as"),
        ("volume discounts", "100 sacs: 5 %", "is not one of the accepted values"),
        ("volume discounts", "100 kg: 150 %", "above the largest accepted value"),
        ("order lead time", "2,5", "is not a whole number"),
        ("order lead time", "900", "above the largest accepted value"),
        ("verified on", "hier", "is not a date"),
        ("season starts", "2026-13-01", "is not a date"),
        ("open to donations", "peut-être", "Write “oui” or “non”"),
    ],
)
def test_bad_cells_in_the_new_columns_are_reported_and_nothing_is_written(
    labels, column, text, message
):
    data = f'name,{column}\nFerme Côté,"{text}"\n'.encode()

    result = run_import(data)

    assert [(error.line, error.column) for error in result.errors] == [(2, column)]
    assert message in result.errors[0].message
    assert not Producer.objects.filter(slug="ferme-cote").exists()
