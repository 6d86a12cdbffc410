"""The evidence pack's files, all written from the same sections (pack.sections):

- a PDF an inspector can read with a screen reader: WeasyPrint's PDF/UA output, so it is
  tagged (headings, paragraphs, tables with their header cells, figures with alt text), in
  British English, titled, and with a bookmark for each heading;
- a spreadsheet (XLSX) with a sheet for each table, and the same tables as CSV files in a
  zip, every text cell made safe to open (boardhub.core.spreadsheets).
"""

import base64
import csv
import io
import re
import zipfile

from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from boardhub.core.spreadsheets import neutralise, neutralise_xlsx_cell

# The chart's parts, styled inside the SVG: the site's style sheet does not reach an image.
CHART_STYLE = (
    "<style>text{font-family:sans-serif;font-size:16px;fill:#0b0c0c}"
    ".title{font-size:18px;font-weight:bold}.background{fill:#ffffff}"
    ".axis .line{stroke:#b1b4b6}</style>"
)
SHEET_TITLE_LIMIT = 31  # Excel's


def pdf(pack, sections):
    # Imported here: WeasyPrint loads Pango when imported, and a machine without it should
    # still serve the site (only the pack's build fails, and says so).
    from weasyprint import HTML

    html = render_to_string(
        "reports/pack/document.html",
        {
            "pack": pack,
            "sections": [_with_images(section) for section in sections],
            "built_at": timezone.localtime(),
        },
    )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def _with_images(section):
    """The section's tables, each chart as an image the PDF can give alt text."""
    section.figures = [
        (table, _image(chart.svg) if chart else None, chart.alt if chart else "")
        for table, chart in section.tables
    ]
    return section


def _image(svg):
    styled = svg.replace(">", ">" + CHART_STYLE, 1)
    return "data:image/svg+xml;base64," + base64.b64encode(styled.encode()).decode()


def tables_of(sections):
    """[(section title, Table)], in the pack's order."""
    return [(section.title, table) for section in sections for table, __ in section.tables]


def spreadsheet(sections):
    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for section_title, table in tables_of(sections):
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet.append([section_title])
        sheet.append([table.title])
        sheet["A2"].font = Font(bold=True)
        sheet.append(table.headings)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(row)
        if table.note:
            sheet.append([table.note])
        for row in sheet.iter_rows():
            for cell in row:
                neutralise_xlsx_cell(cell)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title, used):
    """A sheet name Excel takes (31 characters, none of []:*?/\\), unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "", title)[:SHEET_TITLE_LIMIT].strip()
    name, number = base, 2
    while name.lower() in used:
        suffix = f" ({number})"
        name = base[: SHEET_TITLE_LIMIT - len(suffix)] + suffix
        number += 1
    used.add(name.lower())
    return name


def csv_bundle(sections):
    """A zip of one CSV file for each table, numbered in the pack's order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for number, (__, table) in enumerate(tables_of(sections), start=1):
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow([neutralise(heading) for heading in table.headings])
            for row in table.rows:
                writer.writerow([neutralise(cell) for cell in row])
            name = re.sub(r"[^a-z0-9]+", "-", table.title.lower()).strip("-")
            bundle.writestr(f"{number:02d}-{name}.csv", text.getvalue())
    return buffer.getvalue()
