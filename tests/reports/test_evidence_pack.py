"""The evidence pack: asked for in the admin, built in the background, kept privately, read
back here as an inspector would read it (the PDF's text, tags and bookmarks; the
spreadsheet's sheets; the CSV files)."""

import csv
import io
import zipfile
from datetime import UTC, datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.files.storage import FileSystemStorage
from openpyxl import load_workbook
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from boardhub.consultations.models import Feedback
from boardhub.demo.factories import ChangeRecordFactory, ServiceFactory, ThemeFactory, UserFactory
from boardhub.feedback import handling, quotes
from boardhub.feedback.models import FeedbackTheme, ReplyContact
from boardhub.impact.models import ChangeFeedbackLink, ChangeRecord
from boardhub.reports.models import EvidencePack, PackStatus
from tests.feedback.conftest import officer_in
from tests.reports.test_volume import sent

pytestmark = pytest.mark.django_db
PACKS = "/admin/reports/evidence-packs/"
NEW = f"{PACKS}new/"
TODAY = datetime(2026, 12, 7, 12, tzinfo=UTC)
KEY = "6f1d0c62-8d0e-4b47-9a57-7b0c1d2e3f40"


@pytest.fixture
def pack_storage(monkeypatch, tmp_path):
    """The packs' private storage in a folder of this test's own (the fields made theirs when
    the model loaded, so each field's own is swapped)."""
    location = tmp_path / "private"
    storage = FileSystemStorage(location=str(location))
    for name in ("pdf", "spreadsheet", "csv_bundle"):
        monkeypatch.setattr(EvidencePack._meta.get_field(name), "storage", storage)
    return location


def kept_files(location):
    return sorted(path.name for path in location.rglob("*.*")) if location.exists() else []


@pytest.fixture
def year_of_feedback(consultation, handler):
    """A year with responses online and on paper, a theme, and a published change that two
    people's words shaped, one of whom agreed to be quoted."""
    consultation.services.add(ServiceFactory(name="Home care"))
    consultation.save()
    member = UserFactory(display_name="Quotable member")
    quoted = sent(consultation, datetime(2026, 5, 3, tzinfo=UTC), member=member)
    other = sent(consultation, datetime(2026, 6, 9, tzinfo=UTC), channel="paper")
    for day in range(1, 7):
        sent(consultation, datetime(2026, 7, day, tzinfo=UTC))
    theme = ThemeFactory(name="Times of visits")
    FeedbackTheme.objects.create(feedback=quoted, theme=theme)
    change = ChangeRecordFactory(title="Visits at the times you were told", status="done")
    ChangeRecord.objects.filter(pk=change.pk).update(
        first_published_at=datetime(2026, 8, 1, tzinfo=UTC)
    )
    for response in (quoted, other):
        ChangeFeedbackLink.objects.create(change=change, feedback=response, linked_by=handler)
    quotes.answer(quotes.mark(quoted, "The carers are kind.", handler), agreed=True)
    return quoted


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Press "Build the pack" with these answers; the build, queued after commit, runs."""

    def press(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(NEW, {**ANSWERS, **changes})

    return press


ANSWERS = {
    "first_day": "2026-04-01",
    "last_day": "2026-11-30",
    "learning_commentary": "We now read every response within a week.",
    "changes_commentary": "",
    "coproduction_commentary": "",
    "reach_commentary": "",
    "idempotency_key": KEY,
}


def pdf_of(client, pack):
    response = client.get(f"{PACKS}{pack.pk}/download/pdf/")
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def text_of(reader):
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def outline_titles(outline):
    titles = []
    for entry in outline:
        titles.extend(outline_titles(entry) if isinstance(entry, list) else [entry.title])
    return titles


def structure(node, found=None):
    """[(tag, alt text)] of the PDF's structure tree, in reading order."""
    found = [] if found is None else found
    node = node.get_object()
    if node.get("/S"):
        found.append((node["/S"], node.get("/Alt")))
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object()
        if hasattr(kid, "get"):
            structure(kid, found)
    return found


@time_machine.travel(TODAY)
def test_an_officer_builds_a_pack_and_an_inspector_can_read_it(
    client, handler, ask, year_of_feedback, pack_storage
):
    client.force_login(handler)
    response = ask()
    pack = EvidencePack.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{PACKS}{pack.pk}/"
    assert pack.status == PackStatus.READY
    assert pack.progress == 100

    page = client.get(f"{PACKS}{pack.pk}/")
    soup = BeautifulSoup(page.content, "html.parser")
    assert "Ready" in soup.find(id="pack-status").get_text()
    downloads = [a["href"] for a in soup.select(".pack-downloads a")]
    assert downloads == [f"{PACKS}{pack.pk}/download/{kind}/" for kind in ("pdf", "xlsx", "csv")]

    reader = pdf_of(client, pack)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Evidence pack: 1 April 2026 to 30 November 2026"
    titles = outline_titles(reader.outline)
    for heading in (
        "1. Learning from feedback",
        "2. What changed because of feedback",
        "3. Coproduction",
        "4. Whom the board reaches",
        "Responses each month",
        "Visits at the times you were told",
    ):
        assert heading in titles
    tags = structure(root["/StructTreeRoot"])
    figures = [alt for tag, alt in tags if tag == "/Figure"]
    assert figures and all(alt and alt.startswith("A bar chart") for alt in figures)
    assert "July 2026: 6" in figures[0]
    assert sum(1 for tag, __ in tags if tag == "/Table") >= 8
    assert ("/TH", None) in tags

    text = text_of(reader)
    assert "We now read every response within a week." in text
    assert "8 responses reached the council from 1 April 2026 to 30 November 2026" in text
    assert "The words of 2 people shaped it." in text
    assert "“The carers are kind.”" in text
    assert "Times of visits 1" in text
    # Whom the board reaches: one paper response among eight is a small number.
    assert "Paper form fewer than 5" in text
    assert "Online hidden" in text
    assert "Quotable member" not in text


@time_machine.travel(TODAY)
def test_the_spreadsheet_and_the_csv_files_hold_the_same_tables(
    client, handler, ask, year_of_feedback, pack_storage
):
    ThemeFactory(name="=HYPERLINK(1)")
    FeedbackTheme.objects.create(feedback=year_of_feedback, theme=ThemeFactory(name="=SUM(1)"))
    client.force_login(handler)
    ask()
    pack = EvidencePack.objects.get()

    response = client.get(f"{PACKS}{pack.pk}/download/xlsx/")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    months = workbook["Responses each month"]
    rows = list(months.iter_rows(values_only=True))
    assert rows[0] == ("Learning from feedback", None)
    assert rows[2] == ("Month", "Responses")
    assert ("July 2026", 6) in rows
    themes = workbook["The most common themes"]
    formula = next(row[0] for row in themes.iter_rows() if row[0].value == "=SUM(1)")
    assert formula.data_type == "s" and formula.quotePrefix
    assert "How responses reached us" in workbook.sheetnames

    response = client.get(f"{PACKS}{pack.pk}/download/csv/")
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as bundle:
        names = bundle.namelist()
        assert names[0] == "01-responses-each-month.csv"
        months_csv = list(csv.reader(io.StringIO(bundle.read(names[0]).decode())))
        themes_csv = bundle.read("02-the-most-common-themes.csv").decode()
    assert ["July 2026", "6"] in months_csv
    assert "'=SUM(1)" in themes_csv
    assert len(names) == len(workbook.sheetnames)


@time_machine.travel(TODAY)
def test_each_download_is_in_the_audit_log_and_nobody_else_may_have_it(
    client, handler, ask, year_of_feedback, pack_storage
):
    client.force_login(handler)
    ask()
    pack = EvidencePack.objects.get()
    client.get(f"{PACKS}{pack.pk}/download/pdf/")
    client.get(f"{PACKS}{pack.pk}/download/csv/")
    logged = ModelLogEntry.objects.filter(
        content_type__model="evidencepack", object_id=str(pack.pk)
    ).order_by("pk")
    assert [(entry.action, entry.data.get("file"), entry.user) for entry in logged] == [
        ("boardhub.reports.pack_requested", None, handler),
        ("boardhub.reports.pack_downloaded", "pdf", handler),
        ("boardhub.reports.pack_downloaded", "csv", handler),
    ]
    # Kept out of the media folder: no web server has an address for it.
    assert pack.pdf.path.startswith(str(pack_storage))

    editor = officer_in("Editors", "Moderators")
    client.force_login(editor)
    for address in (PACKS, NEW, f"{PACKS}{pack.pk}/", f"{PACKS}{pack.pk}/download/pdf/"):
        # Wagtail sends someone refused back to the dashboard, saying why.
        assert client.get(address)["Location"] == "/admin/"
    assert (
        ModelLogEntry.objects.filter(
            content_type__model="evidencepack", object_id=str(pack.pk)
        ).count()
        == 3
    )


@time_machine.travel(TODAY)
def test_pressing_build_twice_builds_one_pack(client, handler, ask, year_of_feedback, pack_storage):
    client.force_login(handler)
    first, second = ask(), ask()
    assert first["Location"] == second["Location"]
    assert EvidencePack.objects.count() == 1
    assert len(kept_files(pack_storage)) == 3


@time_machine.travel(TODAY)
def test_a_mistake_in_the_form_keeps_what_was_typed(client, handler, ask, pack_storage):
    client.force_login(handler)
    response = ask(first_day="2026-11-30", last_day="2026-04-01", reach_commentary="Kept")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".error-summary")
    assert [a.get_text() for a in summary.select("a")] == [
        "The last day must be the same as or after the first day"
    ]
    assert summary.select_one("a")["href"] == "#id_last_day"
    assert soup.find(id="id_reach_commentary").get_text().strip() == "Kept"
    assert soup.find(id="id_first_day")["value"] == "2026-11-30"
    assert not EvidencePack.objects.exists()

    response = ask(first_day="", learning_commentary="x" * 2001)
    errors = [
        a.get_text()
        for a in BeautifulSoup(response.content, "html.parser").select(".error-summary a")
    ]
    assert errors == ["Enter the first day", "Write the commentary in 2,000 characters or fewer"]


@time_machine.travel(TODAY)
def test_a_pack_that_fails_keeps_no_half_file_and_can_be_built_again(
    client,
    handler,
    ask,
    year_of_feedback,
    pack_storage,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    """The disk fills up as the spreadsheet is saved: the PDF saved before it goes too."""
    storage = EvidencePack._meta.get_field("spreadsheet").storage
    saving = storage._save
    disk = {"full": True}

    def save(name, content):
        if disk["full"] and name.endswith(".xlsx"):
            raise OSError("No space left on device")
        return saving(name, content)

    monkeypatch.setattr(storage, "_save", save)
    client.force_login(handler)
    ask()
    pack = EvidencePack.objects.get()
    assert pack.status == PackStatus.FAILED
    assert kept_files(pack_storage) == []
    assert not pack.files
    page = BeautifulSoup(client.get(f"{PACKS}{pack.pk}/").content, "html.parser")
    assert "nothing of it was kept. Try again." in page.find(id="pack-status").get_text()
    assert client.get(f"{PACKS}{pack.pk}/download/pdf/").status_code == 404

    disk["full"] = False
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{PACKS}{pack.pk}/retry/")
    pack.refresh_from_db()
    assert response.status_code == 302
    assert pack.status == PackStatus.READY
    assert pack.attempts == 2
    assert len(kept_files(pack_storage)) == 3


@time_machine.travel(TODAY)
def test_deleting_a_pack_deletes_its_files_and_is_logged(
    client, handler, ask, year_of_feedback, pack_storage, django_capture_on_commit_callbacks
):
    client.force_login(handler)
    ask()
    pack = EvidencePack.objects.get()
    assert client.get(f"{PACKS}{pack.pk}/delete/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{PACKS}{pack.pk}/delete/")
    assert response["Location"] == PACKS
    assert not EvidencePack.objects.exists()
    assert kept_files(pack_storage) == []
    assert ModelLogEntry.objects.filter(
        object_id=str(pack.pk), action="boardhub.reports.pack_deleted", user=handler
    ).exists()


@time_machine.travel(TODAY)
def test_the_packs_pages_cost_a_bounded_number_of_queries(
    client, handler, ask, year_of_feedback, pack_storage, django_assert_max_num_queries
):
    client.force_login(handler)
    for number in range(3):
        ask(idempotency_key=KEY[:-1] + str(number))
    pack = EvidencePack.objects.first()
    for address in (PACKS, NEW, f"{PACKS}{pack.pk}/"):
        with django_assert_max_num_queries(12):
            assert client.get(address).status_code == 200


# Quotes: only the person's own words, only where they agreed, never about safeguarding.


def quoted_words():
    return list(quotes.quotable().values_list("words", flat=True))


def test_a_member_is_asked_in_their_account_and_may_change_their_mind(
    client, consultation, handler
):
    member = UserFactory()
    response = sent(consultation, datetime(2026, 5, 3, tzinfo=UTC), member=member)
    quotes.mark(response, "The carers are kind.", handler)
    assert quoted_words() == []

    client.force_login(member)
    listing = client.get("/account/feedback/").content.decode()
    assert "We would like to quote some of your words." in listing
    address = f"/account/feedback/{response.reference}/"
    page = BeautifulSoup(client.get(address).content, "html.parser")
    assert "“The carers are kind.”" in page.select_one("blockquote").get_text()

    refused = client.post(address, {})
    assert "Choose yes or no" in refused.content.decode()
    assert quoted_words() == []
    client.post(address, {"agreed": "yes"})
    assert quoted_words() == ["The carers are kind."]
    assert "We would like to quote" not in client.get("/account/feedback/").content.decode()
    client.post(address, {"agreed": "no"})
    assert quoted_words() == []

    # New words are asked about again: they agreed to the words they read.
    client.post(address, {"agreed": "yes"})
    quotes.mark(response, "The carers are kind.", handler)
    assert quoted_words() == ["The carers are kind."]
    quotes.mark(Feedback.objects.get(pk=response.pk), "kind", handler)
    assert quoted_words() == []


def test_the_publics_words_need_contact_details_and_agreement(consultation, handler):
    response = sent(consultation, datetime(2026, 5, 3, tzinfo=UTC))
    quotes.mark(response, "The carers are kind.", handler)
    contact = ReplyContact.objects.create(feedback=response, may_quote=True)
    assert quoted_words() == []  # agreed, but could never take it back
    contact.email = "someone@example.org"
    contact.save()
    assert quoted_words() == ["The carers are kind."]
    contact.may_quote = False
    contact.save()
    assert quoted_words() == []


def test_words_flagged_for_safeguarding_are_never_quoted(consultation, handler):
    member = UserFactory()
    response = sent(consultation, datetime(2026, 5, 3, tzinfo=UTC), member=member)
    quotes.answer(quotes.mark(response, "The carers are kind.", handler), agreed=True)
    assert quoted_words() == ["The carers are kind."]
    handling.flag_for_safeguarding(response, "At risk", handler)
    assert quoted_words() == []


def test_an_officer_marks_the_persons_own_words_on_the_response(client, handler, consultation):
    response = sent(consultation, datetime(2026, 5, 3, tzinfo=UTC))
    address = f"/admin/feedback/inspect/{response.pk}/"
    client.force_login(handler)
    refused = client.post(address, {"quote": "mark", "words": "The carers are wonderful."})
    soup = BeautifulSoup(refused.content, "html.parser")
    summary = soup.select_one(".error-summary a")
    assert summary["href"] == "#id_words"
    assert summary.get_text().startswith("Copy the words exactly as they are in the answers")
    assert soup.find(id="id_words").get_text().strip() == "The carers are wonderful."
    assert not hasattr(Feedback.objects.get(pk=response.pk), "quote")

    saved = client.post(address, {"quote": "mark", "words": "  The carers\n are kind. "})
    assert saved.status_code == 302
    page = client.get(address).content.decode()
    assert "They did not leave contact details and say we may quote them" in page
    assert ModelLogEntry.objects.filter(
        object_id=str(response.pk), action=quotes.QUOTE_MARKED, user=handler
    ).exists()

    client.post(address, {"quote": "remove", "words": ""})
    assert not quotes.quotable().exists()
    assert not hasattr(Feedback.objects.get(pk=response.pk), "quote")
