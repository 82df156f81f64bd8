"""Spreadsheet downloads for the staff, in CSV and XLSX: the network figures, timelines and
triage (`spreadsheet_response`), and every list and report that Wagtail exports itself —
modeladmin's "Download CSV / XLSX" on each list with `list_export`, the admin's reports —
held to the same two rules by `guard_wagtail_exports` (installed at start-up).

The two rules. A CSV begins with the UTF-8 byte-order mark: without it, Excel as used in
Québec reads the file as Windows-1252 ("ConsignÃ© par"). And text that people wrote is
never read as a formula by the spreadsheet (a member named =HYPERLINK(...), a phone
-2+3): in CSV such a cell gets a leading apostrophe, the spreadsheet's own "this is
text" mark; in XLSX it is a text cell with the quote-prefix style, shown as written and
still text when edited. Numbers stay numbers (a price of -2 is written as -2): a number
cannot carry a formula, and a text that looks like one is text, so it is neutralised."""

import codecs
import csv
import datetime
from decimal import Decimal
from io import BytesIO

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

FORMATS = ("csv", "xlsx")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet reads as the start of a formula (tab and carriage return: LibreOffice
# and Excel skip them before the = sign).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBERS = (int, float, Decimal)


def spreadsheet_response(export_format, filename, header, rows):
    """One table for download, as export_format ("csv" or "xlsx"); filename without its
    extension."""
    if export_format == "xlsx":
        return xlsx_response(filename, header, rows)
    return csv_response(filename, header, rows)


def csv_response(filename, header, rows):
    response = HttpResponse(content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write(codecs.BOM_UTF8)
    writer = csv.writer(response)
    for row in [header, *rows]:
        writer.writerow([csv_cell(value) for value in row])
    return response


def xlsx_response(filename, header, rows):
    return workbook_response(filename, [(filename, header, rows)])


def workbook_response(filename, sheets):
    """Several tables in one XLSX, one sheet each: sheets is [(title, header, rows)]."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=sheet_title(title))
        for row in [header, *rows]:
            sheet.append([xlsx_cell(sheet, value) for value in row])
    output = BytesIO()
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_TYPE
    )


def sheet_title(title):
    """A sheet's name as a spreadsheet accepts it: 31 characters at most, none of []:*?/\\."""
    return "".join(" " if char in "[]:*?/\\" else char for char in str(title))[:31].strip()


def formula_like(value):
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    """A cell of a CSV: numbers as they are, text never read as a formula."""
    if value is None:
        return ""
    if isinstance(value, NUMBERS):
        return value
    text = str(value)
    return "'" + text if formula_like(text) else text


def xlsx_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    if not isinstance(value, (*NUMBERS, datetime.date, datetime.time)) and value is not None:
        value = str(value)
    return xlsx_safe(WriteOnlyCell(sheet, value))


def xlsx_safe(cell):
    """An XLSX cell whose text, formula-like or not, stays text."""
    if cell.data_type == "f":  # openpyxl takes any text starting with = for a formula
        cell.data_type = "s"
    if cell.data_type == "s" and formula_like(cell.value):
        cell.quotePrefix = True
    return cell


def guard_wagtail_exports():
    """Wagtail writes its CSV and XLSX downloads in one class, SpreadsheetExportMixin, used
    by every modeladmin list and every admin report: give its CSV the byte-order mark and
    both formats the formula guard, so no export of the site is left out. And modeladmin's
    exports: an empty cell is empty (not "-", which it also wrote for 0 and False), and a
    heading is written as the label is ("Consigné par", not "Consigné Par")."""
    from django.contrib.admin.utils import label_for_field, lookup_field
    from django.utils.encoding import force_str
    from django.utils.text import capfirst

    from wagtail.admin.views.mixins import SpreadsheetExportMixin
    from wagtail_modeladmin.views import IndexView

    preprocess_field_value = SpreadsheetExportMixin.preprocess_field_value
    generate_xlsx_row = SpreadsheetExportMixin.generate_xlsx_row

    def guarded_preprocess_field_value(self, field, value, export_format):
        value = preprocess_field_value(self, field, value, export_format)
        return csv_cell(value) if export_format == self.FORMAT_CSV else value

    def guarded_generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in generate_xlsx_row(self, worksheet, row_dict, date_format):
            yield xlsx_safe(cell)

    def write_csv_response(self, queryset):
        stream = self.stream_csv(queryset)
        response = StreamingHttpResponse(_after_bom(stream), content_type=CSV_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def get_heading(self, queryset, field):
        heading = self.export_headings.get(field) or label_for_field(
            field, model=self.model, model_admin=self.model_admin
        )
        return capfirst(force_str(heading))

    def to_row_dict(self, item):
        row = {}
        for field in self.list_export:
            value = lookup_field(field, item, self.model_admin)[2]
            row[field] = "" if value is None else value
        return row

    SpreadsheetExportMixin.preprocess_field_value = guarded_preprocess_field_value
    SpreadsheetExportMixin.generate_xlsx_row = guarded_generate_xlsx_row
    SpreadsheetExportMixin.write_csv_response = write_csv_response
    IndexView.get_heading = get_heading
    IndexView.to_row_dict = to_row_dict


def _after_bom(stream):
    yield codecs.BOM_UTF8
    yield from stream


PDF_TYPE = "application/pdf"
# The sans-serif that ships with reportlab: it has the accents of French (é, è, à, ç, ô),
# which the PDF's 14 built-in fonts only have in their own encoding.
PDF_FONT, PDF_BOLD = "Vera", "VeraBd"


def pdf_response(filename, title, lines, tables):
    """A readable report as a PDF: a title, a few lines under it (the period, say), then
    each table under its heading: tables is [(heading, paragraphs, header, rows)], rows of
    text (an empty table is written as its paragraphs only). filename without extension."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    for name in (PDF_FONT, PDF_BOLD):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, f"{name}.ttf"))
    body = ParagraphStyle("body", fontName=PDF_FONT, fontSize=9, leading=12)
    cell = ParagraphStyle("cell", parent=body, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=cell, fontName=PDF_BOLD)
    heading = ParagraphStyle("heading", parent=body, fontName=PDF_BOLD, fontSize=13, leading=17)
    big = ParagraphStyle("title", parent=body, fontName=PDF_BOLD, fontSize=17, leading=21)

    def text(value, style):
        return Paragraph(_pdf_escape(value), style)

    story = [text(title, big), Spacer(1, 0.2 * cm)]
    story += [text(line, body) for line in lines]
    width = A4[0] - 3 * cm
    for table_heading, paragraphs, header, rows in tables:
        story += [Spacer(1, 0.5 * cm), text(table_heading, heading), Spacer(1, 0.1 * cm)]
        story += [text(paragraph, body) for paragraph in paragraphs if paragraph]
        if not rows:
            continue
        story.append(Spacer(1, 0.2 * cm))
        table = LongTable(
            [[text(value, head) for value in header]]
            + [[text(value, cell) for value in row] for row in rows],
            colWidths=[width / len(header)] * len(header),
            repeatRows=1,
        )
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8efe6")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
    output = BytesIO()
    SimpleDocTemplate(
        output,
        pagesize=A4,
        title=str(title),
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
    ).build(story)
    output.seek(0)
    return FileResponse(
        output, as_attachment=True, filename=f"{filename}.pdf", content_type=PDF_TYPE
    )


def _pdf_escape(value):
    """Text for a reportlab paragraph, which reads a little markup: escaped, and the narrow
    no-break space French puts in numbers written as the no-break space the font has."""
    from xml.sax.saxutils import escape

    return escape("" if value is None else str(value)).replace("\u202f", "\xa0")
