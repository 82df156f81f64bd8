"""Reading the import file: its encoding, its separator, its lines and cells."""

import csv
import io

from django.utils.translation import gettext as _

from ..uploads import decode_text


class ImportFileError(Exception):
    """A file that cannot be read at all (not text, not CSV)."""

    def __init__(self, message, line=1):
        super().__init__(message)
        self.message = message
        self.line = line


def decode(data):
    """The file's text and the name of its encoding, as uploads.decode_text reads it."""
    decoded = decode_text(data)
    if decoded is not None:
        return decoded
    raise ImportFileError(
        _("This file is not a text CSV file: save the spreadsheet as CSV and try again.")
    )


def detect_delimiter(text):
    """Comma, semicolon or tab: whichever the header line uses most. Sniffing data rows
    would be fooled by decimal commas."""
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_table(data):
    """(rows, encoding name, delimiter): every record of the file as a list of stripped
    cells, the header first. Raises ImportFileError for a file that is not CSV."""
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    text, encoding = decode(data)
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    try:
        for record in reader:
            rows.append([cell.strip() for cell in record])
    except csv.Error as error:
        raise ImportFileError(
            _("Line %(line)s is not valid CSV: check its quotation marks.")
            % {"line": len(rows) + 1},
            line=len(rows) + 1,
        ) from error
    if rows and rows[0]:
        rows[0][0] = rows[0][0].lstrip("\ufeff")
    return rows, encoding, delimiter
