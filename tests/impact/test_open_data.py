"""The open data: every published change as CSV and JSON, streamed a chunk of rows at a time,
with no personal data and no cell a spreadsheet would run as a formula."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from boardhub.demo.factories import ConsultationPageFactory, FeedbackFactory, ServiceFactory
from boardhub.impact import opendata
from boardhub.impact.models import ChangeRecord, ChangeService, ChangeStatus
from tests.impact.test_public_pages import make_change, you_said_we_did  # noqa: F401

pytestmark = pytest.mark.django_db

CSV_URL = "/you-said-we-did/open-data.csv"
JSON_URL = "/you-said-we-did/open-data.json"


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content).decode()


def csv_rows(client):
    return list(csv.DictReader(io.StringIO(download(client, CSV_URL))))


def json_changes(client):
    return json.loads(download(client, JSON_URL))["changes"]


@pytest.fixture
def published(you_said_we_did, service, consultation):  # noqa: F811
    """A published change from the "Care at home" consultation to two services, shaped by
    two responses, and an older one that was not possible."""
    breaks = ServiceFactory(name="Short breaks", slug="short-breaks")
    newer = make_change(
        title="Evening home care visits",
        you_said="Visits came too early.",
        we_did="Visits can now be booked up to 9pm.",
        status=ChangeStatus.DONE,
        agreed_on=datetime.date(2026, 1, 5),
        done_on=datetime.date(2026, 3, 2),
        services=[service, breaks],
        consultations=[consultation],
        responses=[FeedbackFactory(page=consultation), FeedbackFactory(page=consultation)],
    )
    older = make_change(
        title="A named carer",
        status=ChangeStatus.NOT_POSSIBLE,
        not_possible_reason="Not enough carers at weekends.",
        agreed_on=datetime.date(2025, 11, 1),
        services=[service],
    )
    return newer, older


def test_the_csv_has_a_row_for_each_published_change_newest_first(client, published):
    newer, _ = published
    make_change(title="A draft", live=False)

    rows = csv_rows(client)

    assert [row["title"] for row in rows] == ["Evening home care visits", "A named carer"]
    assert rows[0] == {
        "id": str(newer.pk),
        "title": "Evening home care visits",
        "you_said": "Visits came too early.",
        "we_did": "Visits can now be booked up to 9pm.",
        "status": "Done",
        "not_possible_reason": "",
        "date_agreed": "2026-01-05",
        "date_done": "2026-03-02",
        "services": "Home care; Short breaks",
        "consultations": "Care at home",
        "consultation_urls": "http://localhost/consultations/care-at-home/",
        "responses": "2",
        "url": f"http://localhost/you-said-we-did/changes/{newer.pk}/",
    }
    assert rows[1]["status"] == "Not possible"
    assert rows[1]["not_possible_reason"] == "Not enough carers at weekends."
    assert rows[1]["date_done"] == ""
    assert rows[1]["responses"] == "0"


def test_the_json_has_the_same_changes_with_lists_kept_as_lists(client, published):
    newer, _ = published

    changes = json_changes(client)

    assert [change["title"] for change in changes] == ["Evening home care visits", "A named carer"]
    assert changes[0] == {
        "id": newer.pk,
        "title": "Evening home care visits",
        "you_said": "Visits came too early.",
        "we_did": "Visits can now be booked up to 9pm.",
        "status": "Done",
        "not_possible_reason": "",
        "date_agreed": "2026-01-05",
        "date_done": "2026-03-02",
        "services": ["Home care", "Short breaks"],
        "consultations": [
            {"title": "Care at home", "url": "http://localhost/consultations/care-at-home/"}
        ],
        "responses": 2,
        "url": f"http://localhost/you-said-we-did/changes/{newer.pk}/",
    }
    assert changes[1]["date_done"] is None


def test_with_nothing_published_both_are_empty_but_valid(client, you_said_we_did):  # noqa: F811
    make_change(live=False)

    assert download(client, CSV_URL).splitlines() == [",".join(opendata.CSV_COLUMNS)]
    assert json_changes(client) == []


@pytest.mark.parametrize(
    ("url", "content_type", "extension"),
    [(CSV_URL, "text/csv; charset=utf-8", "csv"), (JSON_URL, "application/json", "json")],
)
def test_each_download_has_a_dated_file_name_and_its_type(
    client,
    you_said_we_did,  # noqa: F811
    url,
    content_type,
    extension,
):
    response = client.get(url)

    today = timezone.localdate().isoformat()
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="you-said-we-did-{today}.{extension}"'
    )


def test_the_open_data_leaves_out_consultations_the_public_cannot_see(
    client,
    you_said_we_did,  # noqa: F811
    consultation_index,
):
    hidden = ConsultationPageFactory(parent=consultation_index, title="Not published yet")
    hidden.unpublish()
    make_change(consultations=[hidden])

    assert csv_rows(client)[0]["consultations"] == ""
    assert json_changes(client)[0]["consultations"] == []


def test_the_count_drops_when_a_response_is_deleted(client, published, consultation):
    newer, _ = published

    newer.feedback_links.first().feedback.delete()

    assert csv_rows(client)[0]["responses"] == "1"
    assert json_changes(client)[0]["responses"] == 1


def test_a_reason_left_from_when_it_was_not_possible_is_not_published(
    client,
    you_said_we_did,  # noqa: F811
):
    make_change(status=ChangeStatus.IN_PROGRESS, not_possible_reason="An old reason.")

    assert csv_rows(client)[0]["not_possible_reason"] == ""
    assert json_changes(client)[0]["not_possible_reason"] == ""
    assert "An old reason." not in client.get("/you-said-we-did/").content.decode()


# Spreadsheet formulas


def test_no_csv_cell_can_start_a_formula(client, you_said_we_did):  # noqa: F811
    make_change(
        title='=HYPERLINK("http://evil.example","Click")',
        you_said="+1 said this",
        we_did="-1 did that",
        status=ChangeStatus.NOT_POSSIBLE,
        not_possible_reason="@SUM(A1:A9)",
        services=[ServiceFactory(name="=cmd|' /C calc'!A0", slug="sneaky")],
    )

    row = csv_rows(client)[0]

    assert row["title"] == """'=HYPERLINK("http://evil.example","Click")"""
    assert row["you_said"] == "'+1 said this"
    assert row["we_did"] == "'-1 did that"
    assert row["not_possible_reason"] == "'@SUM(A1:A9)"
    assert row["services"] == "'=cmd|' /C calc'!A0"
    # JSON is not opened by spreadsheets: it keeps the words exactly as written.
    assert json_changes(client)[0]["title"] == '=HYPERLINK("http://evil.example","Click")'


# Each character that starts a formula, and "=" after leading whitespace.
FORMULA_SHAPES = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", " =1+1", " \t =1+1"]


@pytest.mark.parametrize("formula", FORMULA_SHAPES, ids=repr)
def test_every_formula_shape_starts_with_an_apostrophe_in_every_text_cell(
    client,
    you_said_we_did,  # noqa: F811
    consultation_index,
    formula,
):
    make_change(
        title=formula,
        you_said=formula,
        we_did=formula,
        status=ChangeStatus.NOT_POSSIBLE,
        not_possible_reason=formula,
        services=[ServiceFactory(name=formula, slug="sneaky")],
        consultations=[ConsultationPageFactory(parent=consultation_index, title=formula)],
    )

    text = download(client, CSV_URL)

    row = next(csv.DictReader(io.StringIO(text, newline="")))
    for column in ("title", "you_said", "we_did", "not_possible_reason", "services"):
        assert row[column] == "'" + formula, column
    assert row["consultations"] == "'" + formula


# Streaming


def add_published_changes(number, service):
    changes = ChangeRecord.objects.bulk_create(
        ChangeRecord(
            title=f"Change {count}",
            you_said="You said.",
            we_did="We did.",
            agreed_on=datetime.date(2026, 1, 1),
            live=True,
        )
        for count in range(number)
    )
    ChangeService.objects.bulk_create(
        ChangeService(change=change, service=service) for change in changes
    )


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_the_download_streams_reading_the_database_a_chunk_at_a_time(
    client,
    you_said_we_did,  # noqa: F811
    service,
    monkeypatch,
    url,
):
    monkeypatch.setattr(opendata, "CHUNK_SIZE", 100)
    add_published_changes(250, service)
    client.get(url)  # warm the caches (site root paths), so only the rows' queries count

    response = client.get(url)
    assert isinstance(response, StreamingHttpResponse)
    parts = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as queries:
        next(parts)  # the CSV's headings, or the start of the JSON
        before_any_row = len(queries)
        next(parts)  # the first row: reads the first chunk
        first_chunk = len(queries)
        for _ in range(99):
            next(parts)  # the rest of the first chunk: nothing more to read
        rest_of_first_chunk = len(queries)
        next(parts)  # row 101: reads the second chunk
        second_chunk = len(queries)
        remaining = list(parts)

    assert before_any_row == 0
    # The changes (one query, read a chunk at a time), and the chunk's services and
    # consultations, plus one look at which pages are private.
    assert first_chunk == 4
    assert rest_of_first_chunk == first_chunk
    assert second_chunk == first_chunk + 2  # that chunk's services and consultations
    # The third chunk's, then the download in the audit log (Wagtail checks that the page
    # and its type exist, then writes the entry).
    assert len(queries) == second_chunk + 2  # the third chunk's
    # Rows 102 to 250 came after.
    assert len([part for part in remaining if b'"Change ' in part or b",Change " in part]) == 149


# Where the open data is


def test_there_is_no_open_data_at_any_other_address(client, you_said_we_did):  # noqa: F811
    assert client.get("/consultations/open-data.csv").status_code == 404
    assert client.get("/open-data.csv").status_code == 404


def test_there_is_no_open_data_without_a_live_page(client, you_said_we_did):  # noqa: F811
    you_said_we_did.unpublish()

    assert client.get(CSV_URL).status_code == 404
    assert client.get(JSON_URL).status_code == 404


def test_the_open_data_can_only_be_read(client, you_said_we_did):  # noqa: F811
    assert client.post(CSV_URL).status_code == 405
