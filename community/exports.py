"""CSV downloads from the staff's pages (network figures, timelines, triage)."""

import csv

from django.http import HttpResponse


def csv_response(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
    return response


def spreadsheet_safe(value):
    """Text that people wrote (a producer's name, notes), never read as a formula by the
    spreadsheet the CSV is opened in."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
