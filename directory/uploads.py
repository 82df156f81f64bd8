"""An uploaded file must hold what its name says: a web page renamed prix.pdf is refused,
since the site would serve it back to other people. Binary formats are recognised by
their magic numbers (puremagic); plain text (csv, txt) has none, so it must decode as text
and not start like a web page. Here in directory/ because every app may read it."""

import os
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

import puremagic

TEXT_EXTENSIONS = {"csv", "txt"}
# Names puremagic may give the same format under.
SAME_FORMAT = {"jpg": {"jpg", "jpeg"}, "jpeg": {"jpg", "jpeg"}}
# An opening tag, a comment, a doctype or an XML declaration at the start.
LOOKS_LIKE_MARKUP = re.compile(r"\s*<[a-zA-Z!?/]")
# Text has no control characters but tab, line feed, form feed and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data):
    """The text and the name of its encoding, or None when the bytes are not text: UTF-8
    with or without a byte-order mark, UTF-16 with one (Excel's "Unicode text"), otherwise
    Windows-1252 (Excel's plain "CSV" in French Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = [("utf-8-sig", "UTF-8")]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = [("utf-16", "UTF-16")]
    else:
        candidates = [("utf-8", "UTF-8"), ("cp1252", "Windows-1252")]
    for codec, name in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if CONTROL.search(text):
            return None
        return text, name
    return None


def content_matches(upload, extension):
    """Whether the upload's bytes are a file of this extension (without its dot)."""
    if extension in TEXT_EXTENSIONS:
        upload.seek(0)
        decoded = decode_text(upload.read())
        upload.seek(0)
        return decoded is not None and not LOOKS_LIKE_MARKUP.match(decoded[0])
    upload.seek(0)
    try:
        matches = puremagic.magic_stream(upload, upload.name)
    except (puremagic.PureError, ValueError):
        return False
    finally:
        upload.seek(0)
    # Without magic numbers puremagic falls back on the name alone: not a match here.
    found = {match.extension.lstrip(".").lower() for match in matches if match.byte_match}
    return bool(found & SAME_FORMAT.get(extension, {extension}))


def check_content(upload):
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    if not content_matches(upload, extension):
        raise ValidationError(
            _("The content of this file does not match its .%(extension)s extension.")
            % {"extension": extension},
            code="content_mismatch",
        )
