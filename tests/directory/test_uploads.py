"""An upload's content must be what its extension says, for every extension the site
accepts (settings.WAGTAILDOCS_EXTENSIONS)."""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import pytest
from PIL import Image

from directory.uploads import check_content

OLE = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)  # Office 97-2003's container


def office_zip(part):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


def open_document(kind):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


def image(format_name):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format_name)
    return buffer.getvalue()


SAMPLES = {
    "pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "doc": OLE,
    "xls": OLE,
    "ppt": OLE,
    "docx": office_zip("word/document.xml"),
    "xlsx": office_zip("xl/workbook.xml"),
    "pptx": office_zip("ppt/presentation.xml"),
    "odt": open_document("text"),
    "ods": open_document("spreadsheet"),
    "odp": open_document("presentation"),
    "csv": "nom;ville\nFerme Côté;Montréal\n".encode("cp1252"),
    "txt": "Prix relevés en octobre : 2,50 $ le kilo.\n".encode(),
    "jpg": image("JPEG"),
    "jpeg": image("JPEG"),
    "png": image("PNG"),
    "webp": image("WEBP"),
}

WEB_PAGE = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"


def upload(extension, data):
    return SimpleUploadedFile(f"fichier.{extension}", data)


def test_every_accepted_extension_has_a_sample():
    assert set(SAMPLES) == set(settings.WAGTAILDOCS_EXTENSIONS)


@pytest.mark.parametrize("extension", sorted(SAMPLES))
def test_a_real_file_of_each_kind_is_accepted(extension):
    check_content(upload(extension, SAMPLES[extension]))


@pytest.mark.parametrize("extension", sorted(SAMPLES))
def test_a_web_page_is_refused_under_every_extension(extension):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        check_content(upload(extension, WEB_PAGE))
    assert caught.value.messages == [
        f"The content of this file does not match its .{extension} extension."
    ]


@pytest.mark.parametrize(
    ("extension", "data"),
    [
        ("pdf", SAMPLES["png"]),
        ("png", SAMPLES["pdf"]),
        ("jpg", SAMPLES["png"]),
        ("docx", SAMPLES["pdf"]),
        ("xls", SAMPLES["xlsx"]),
        ("pdf", b"<script>alert(1)</script>"),
        ("pdf", b"   \n<svg onload='alert(1)'/>"),
        ("csv", b"\n  <html><body>prix</body></html>"),
        ("txt", b"<?xml version='1.0'?><svg/>"),
        ("csv", SAMPLES["xlsx"]),
        ("txt", b"\x81\x8d binary \x00 bytes"),
        ("pdf", b""),
    ],
)
def test_a_file_under_another_formats_name_is_refused(extension, data):
    with pytest.raises(ValidationError):
        check_content(upload(extension, data))


def test_the_message_is_translated_and_the_file_can_be_read_again():
    file = upload("pdf", WEB_PAGE)
    with translation.override("fr"), pytest.raises(ValidationError) as caught:
        check_content(file)
    assert caught.value.messages == [
        "Le contenu de ce fichier ne correspond pas à son extension .pdf."
    ]
    good = upload("pdf", SAMPLES["pdf"])
    check_content(good)
    assert good.read() == SAMPLES["pdf"]
