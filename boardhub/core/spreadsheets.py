"""Text people typed, made safe to open in a spreadsheet, and every download of it audited.

Excel, LibreOffice and Google Sheets run a cell that starts with "=", "+", "-" or "@" as a
formula, and some skip leading spaces before they look; a leading tab or carriage return can
hide one too ("formula injection"). A response, a consultation's title or a change record can
start that way, and a formula can send the sheet's contents to another website. So:

- every CSV cell of text goes through `neutralise`: it gains an apostrophe at the start,
  which spreadsheets read as "this is text" and do not show;
- every XLSX cell of text goes through `neutralise_xlsx_cell`: it is stored as text (never a
  formula) with Excel's quote prefix, so it stays text when someone edits it, and keeps its
  words exactly as typed;
- every admin listing that can be downloaded (`list_export`) uses `SafeSpreadsheetExportMixin`,
  which does both and makes each download write an audit entry (`record_export`, which the
  view must define). tests/feedback/test_export.py fails when a registered listing with
  `list_export` does not use it.

This is the only copy of the rule: nothing else decides what a formula looks like.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

# Characters that, at the start of a cell, make a spreadsheet read a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_a_formula(text):
    """True if a spreadsheet could read `text` as a formula, leading spaces or not."""
    return text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


def neutralise(value):
    """A CSV cell's value, with an apostrophe before text a spreadsheet would run."""
    if isinstance(value, str) and starts_a_formula(value):
        return "'" + value
    return value


def neutralise_xlsx_cell(cell):
    """An openpyxl cell whose text could be read as a formula, made plain text (the words are
    kept as they are: the quote prefix is Excel's own "this is text" mark)."""
    if isinstance(cell.value, str) and starts_a_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def filters_in(query, filter_names):
    """The filters a download was made with, for its audit entry: only the parameters of the
    filters named (ids, choices and dates), never free text such as a search, which could
    name a person."""
    return {
        key: query.getlist(key)
        for key in sorted(query)
        if any(key == name or key.startswith(f"{name}_") for name in filter_names)
        and any(query.getlist(key))
    }


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV and XLSX downloads, with every text cell neutralised and every download
    recorded. A view using it defines `record_export(items, export_format)`."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise(value)
        return value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            yield neutralise_xlsx_cell(cell)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        items = list(queryset)
        self.record_export(items, spreadsheet_format)
        return super().as_spreadsheet(items, spreadsheet_format)

    def export_filters(self):
        """The filters of this download (see `filters_in`)."""
        filterset = getattr(self, "filters", None)
        names = filterset.filters if filterset is not None else {}
        return filters_in(self.request.GET, names)

    def record_export(self, items, export_format):
        raise NotImplementedError("Say in the audit log who downloaded what.")
