"""The published "you said, we did" record as open data: CSV and JSON, one row per change.

They live beside the "you said, we did" page, at <its address>open-data.csv and .json.
Wagtail only serves addresses that end in a slash, so these are routed by boardhub/urls.py to
`serve`, which answers only for the live page's own address.

Both stream: rows are read from the database a chunk at a time (with each chunk's services
and consultations fetched together) and written out as they come, so memory stays the same
however many changes there are. Nothing about a person is in them: no names, no references,
no notes, and no officers; only how many responses shaped each change.

Officers' words start cells, so every CSV cell goes through the one formula check
(boardhub.core.spreadsheets.neutralise). Downloads are not written to the audit log, unlike
exports of people's answers: the open data holds no answers and is public, and a database
write for every anonymous download would let anyone flood the log.
"""

import csv
import itertools
import json
from collections import defaultdict

from django.http import Http404, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from boardhub.core.spreadsheets import neutralise

from .models import ChangeRecord, ChangeService, ChangeStatus, you_said_we_did_page
from .public_views import public_consultation_links

# Rows read from the database at a time: enough to keep queries few, few enough that memory
# stays small.
CHUNK_SIZE = 500

COLUMNS = [
    "id",
    "title",
    "you_said",
    "we_did",
    "status",
    "not_possible_reason",
    "date_agreed",
    "date_done",
    "services",
    "consultations",
    "responses",
    "url",
]


def rows(page, request):
    """Each published change as a dict of COLUMNS, newest first, read CHUNK_SIZE at a time.

    Plain values, not model instances: a change record is a ClusterableModel, and making (and
    prefetching into) thousands of them costs ten times the database's time.
    """
    changes = (
        ChangeRecord.objects.published()
        .with_response_counts()
        .values_list(
            "pk",
            "title",
            "you_said",
            "we_did",
            "status",
            "not_possible_reason",
            "agreed_on",
            "done_on",
            "response_count",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    change_base_url = page.get_full_url(request) + page.reverse_subpage("change", args=[0])[:-2]
    # Built once: which pages are private is read when the query is made, not when it runs.
    consultation_links = public_consultation_links()
    for chunk in iter(lambda: list(itertools.islice(changes, CHUNK_SIZE)), []):
        pks = [change[0] for change in chunk]
        services = services_of(pks)
        consultations = consultations_of(consultation_links.filter(change_id__in=pks), request)
        for pk, title, you_said, we_did, status, reason, agreed_on, done_on, count in chunk:
            yield {
                "id": pk,
                "title": title,
                "you_said": you_said,
                "we_did": we_did,
                "status": ChangeStatus(status).label,
                # As on the change's page: a reason left from an earlier status is not shown.
                "not_possible_reason": reason if status == ChangeStatus.NOT_POSSIBLE else "",
                "date_agreed": agreed_on.isoformat(),
                "date_done": done_on.isoformat() if done_on else None,
                "services": services[pk],
                "consultations": consultations[pk],
                "responses": count,
                "url": f"{change_base_url}{pk}/",
            }


def services_of(change_pks):
    """The names of each change's services, by change: one query."""
    names = defaultdict(list)
    links = ChangeService.objects.filter(change_id__in=change_pks).order_by("service__name")
    for change_pk, name in links.values_list("change_id", "service__name"):
        names[change_pk].append(name)
    return names


def consultations_of(links, request):
    """The title and address of each change's consultations in `links`, by change: one query."""
    found = defaultdict(list)
    for link in links.only("change_id", "consultation__title", "consultation__url_path"):
        consultation = link.consultation
        found[link.change_id].append(
            {"title": consultation.title, "url": consultation.get_full_url(request)}
        )
    return found


def filename(extension):
    return f"you-said-we-did-{timezone.localdate().isoformat()}.{extension}"


def download(content, content_type, extension):
    response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(extension)}"'
    return response


# CSV


class Echo:
    """A file that hands back what is written to it, so csv.writer can make one line at a
    time for streaming (Django's documented pattern)."""

    def write(self, value):
        return value


def csv_cell(value):
    """Lists become text joined with "; ", and no text can start a spreadsheet formula."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(value)
    return neutralise(value)


# In the CSV, a change's consultations take two cells: their titles, and their addresses in
# the same order.
CSV_COLUMNS = [
    *COLUMNS[: COLUMNS.index("consultations") + 1],
    "consultation_urls",
    *COLUMNS[COLUMNS.index("consultations") + 1 :],
]


def csv_row(row):
    consultations = row["consultations"]
    cells = {
        **row,
        "consultations": [consultation["title"] for consultation in consultations],
        "consultation_urls": [consultation["url"] or "" for consultation in consultations],
    }
    return [csv_cell(cells[column]) for column in CSV_COLUMNS]


def csv_lines(page, request):
    writer = csv.writer(Echo())
    yield writer.writerow(CSV_COLUMNS)
    for row in rows(page, request):
        yield writer.writerow(csv_row(row))


def csv_response(page, request):
    return download(csv_lines(page, request), "text/csv; charset=utf-8", "csv")


# JSON


def json_parts(page, request):
    """One JSON document, {"changes": [...]}, written a change at a time."""
    yield '{"changes": ['
    for number, row in enumerate(rows(page, request)):
        yield ("," if number else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]}\n"


def json_response(page, request):
    return download(json_parts(page, request), "application/json", "json")


RESPONSES = {"csv": csv_response, "json": json_response}


@require_safe
def serve(request, page_path, extension):
    """The open data for the page at `page_path` ("you-said-we-did/"), as CSV or JSON."""
    page = you_said_we_did_page(request)
    if page is None or page.get_url_parts(request)[2] != f"/{page_path}":
        raise Http404("There is no open data here.")
    return RESPONSES[extension](page, request)
