"""The CSV and XLSX downloads of the filtered listing: what handlers need, nothing read as a
formula, and each download in the audit log; and every downloadable admin listing in the
project goes through the one formula check."""

import csv
import io

import pytest
from django.http import QueryDict
from openpyxl import load_workbook
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.base import ViewSet
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.models import ModelLogEntry

from boardhub.core.spreadsheets import SafeSpreadsheetExportMixin, filters_in
from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    FeedbackFactory,
    ThemeFactory,
    UserFactory,
)
from boardhub.feedback import handling
from home.models import HomePage
from tests.feedback.conftest import XSS

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd", "@SUM(A1)", "-2+3", "\t=1+1"]


def download(client, query=""):
    response = client.get("/admin/feedback/?export=xlsx" + query)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.iter_rows())


def test_formulas_in_answers_come_out_as_text(client, handler, consultation):
    for formula in FORMULAS:
        FeedbackFactory(
            page=consultation,
            form_data={"what_works_well_for_you": formula, "the_service_is_easy_to_use": formula},
        )
    client.force_login(handler)

    rows = download(client)

    cells = [cell for row in rows[1:] for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    answers = {row[5].value for row in rows[1:]}
    for formula in FORMULAS:
        assert any(formula in answer for answer in answers)


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_cell_that_starts_like_a_formula_is_text(client, handler, formula):
    """Officers write consultation titles and questions: those start cells, so they are
    where a formula could start one."""
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get())
    consultation = ConsultationPageFactory(
        parent=index, title=formula, questions=[{"label": formula, "field_type": "singleline"}]
    )
    FeedbackFactory(page=consultation, form_data={get_field_clean_name(formula): formula})
    client.force_login(handler)

    row = download(client)[1]

    title, answers = row[1], row[5]
    assert title.value == formula
    assert answers.value.startswith(formula)
    for cell in (title, answers):
        assert cell.data_type == "s"
        assert cell.quotePrefix


def test_the_download_holds_what_handlers_need_and_no_email_addresses(
    client, handler, consultation
):
    member = UserFactory(email="member@example.org")
    feedback = FeedbackFactory(
        page=consultation, member=member, form_data={"what_works_well_for_you": XSS}
    )
    client.force_login(handler)

    rows = download(client)

    assert [cell.value for cell in rows[0]] == [
        "Reference",
        "Consultation",
        "Sent on",
        "Status",
        "Themes",
        "Answers",
        "Channel",
    ]
    values = [cell.value for cell in rows[1]]
    assert values[0] == feedback.reference
    assert values[1] == "Care at home"
    assert XSS in values[5]  # as text, exactly as typed: a spreadsheet runs no HTML
    flat = " ".join(str(cell.value) for row in rows for cell in row)
    assert "member@example.org" not in flat


def test_the_download_follows_the_filters_and_leaves_out_flagged_responses(
    client, handler, consultation
):
    received = FeedbackFactory(page=consultation)
    read = FeedbackFactory(page=consultation, status="acknowledged")
    flagged = FeedbackFactory(page=consultation)
    handling.flag_for_safeguarding(flagged, "At risk", handler)
    client.force_login(handler)

    references = [row[0].value for row in download(client, "&status=received")[1:]]

    assert references == [received.reference]
    assert read.reference not in references


def test_each_download_is_in_the_audit_log(client, handler, consultation):
    first, second = FeedbackFactory(page=consultation), FeedbackFactory(page=consultation)
    client.force_login(handler)

    download(client)

    logged = ModelLogEntry.objects.filter(action=handling.EXPORTED, user=handler)
    assert set(logged.values_list("object_id", flat=True)) == {str(first.pk), str(second.pk)}


def test_the_csv_download_starts_formulas_with_an_apostrophe(client, handler, consultation):
    FeedbackFactory(page=consultation, form_data={"what_works_well_for_you": "=1+1"})
    client.force_login(handler)

    response = client.get("/admin/feedback/?export=csv")

    text = b"".join(response.streaming_content).decode()
    assert "'What works well for you?: =1+1" not in text  # the cell starts with the question
    assert "\n=" not in text and ",=" not in text


# Every shape of formula, in both formats

# Each character that starts a formula, and "=" after leading whitespace.
FORMULA_SHAPES = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", " =1+1", " \t =1+1"]


@pytest.fixture(params=FORMULA_SHAPES, ids=repr)
def formula_everywhere(request, handler):
    """A response whose consultation title, question, answer and theme all start with the
    formula: the title, the answers and the themes each start a cell."""
    formula = request.param
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get())
    consultation = ConsultationPageFactory(
        parent=index, title=formula, questions=[{"label": formula, "field_type": "singleline"}]
    )
    feedback = FeedbackFactory(
        page=consultation, form_data={get_field_clean_name(formula): formula}
    )
    feedback.theme_links.create(theme=ThemeFactory(name=formula))
    return formula


def test_every_formula_shape_is_text_in_the_xlsx(client, handler, formula_everywhere):
    client.force_login(handler)

    title, answers, themes = (download(client)[1][column] for column in (1, 5, 4))

    for cell in (title, answers, themes):
        assert cell.data_type == "s"  # a string, not a formula
        assert cell.quotePrefix  # and kept as text if someone edits it
    # The words as they were (reading XML turns a carriage return into a line feed).
    as_typed = formula_everywhere.replace("\r", "\n")
    assert title.value == themes.value == as_typed
    assert answers.value.startswith(as_typed)


def test_every_formula_shape_starts_with_an_apostrophe_in_the_csv(
    client, handler, formula_everywhere
):
    client.force_login(handler)

    response = client.get("/admin/feedback/?export=csv")

    text = b"".join(response.streaming_content).decode()
    row = list(csv.reader(io.StringIO(text, newline="")))[1]
    assert row[1] == row[4] == "'" + formula_everywhere
    assert row[5].startswith("'" + formula_everywhere)


def test_each_download_says_who_how_many_in_which_format_and_with_which_filters(
    client, handler, consultation
):
    sent = FeedbackFactory(page=consultation, form_data={"what_works_well_for_you": "Jane Doe"})
    FeedbackFactory(page=consultation, status="acknowledged")
    client.force_login(handler)

    client.get(f"/admin/feedback/?export=csv&status=received&consultation={consultation.pk}")

    entry = ModelLogEntry.objects.get(action=handling.EXPORTED)
    assert (entry.object_id, entry.user) == (str(sent.pk), handler)
    assert entry.data == {
        "format": "csv",
        "rows": 1,
        "filters": {"consultation": [str(consultation.pk)], "status": ["received"]},
    }
    assert "Jane Doe" not in str(entry.data) + entry.label


def test_the_filters_logged_are_never_free_text():
    query = QueryDict("q=Jane+Doe&status=received&submit_time_after=2026-01-01&export=csv&theme=")

    assert filters_in(query, ["status", "submit_time", "theme"]) == {
        "status": ["received"],
        "submit_time_after": ["2026-01-01"],
    }


def exports(viewset):
    """The columns a viewset's listing downloads, set on the viewset or on its listing view."""
    columns = getattr(viewset, "list_export", ViewSet.UNDEFINED)
    if columns is ViewSet.UNDEFINED:
        columns = getattr(getattr(viewset, "index_view_class", None), "list_export", [])
    return columns


def test_every_downloadable_admin_listing_uses_the_one_formula_check(client):
    """A new listing with `list_export` fails here until it neutralises formulas and logs
    its downloads (boardhub.core.spreadsheets)."""
    client.get("/admin/")  # Wagtail registers its viewsets with its URLs
    downloadable = [viewset for viewset in viewsets.viewsets if exports(viewset)]

    assert "feedback" in [viewset.name for viewset in downloadable]
    for viewset in downloadable:
        assert issubclass(viewset.index_view_class, SafeSpreadsheetExportMixin), viewset.name
