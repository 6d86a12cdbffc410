"""The volume report in a browser: an officer opens it from the Reports menu, narrows it to
one service, and follows a figure to the feedback listing, which shows as many responses as
the figure said. The page, its chart and its table pass axe, and the chart's bars agree with
the table."""

import csv
import io
import re
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from boardhub.feedback.models import ReplyContact
from boardhub.impact.models import ChangeRecord
from boardhub.services.models import Service

from .conftest import assert_no_axe_violations
from .test_autosave_races import signed_in_context

OFFICER_EMAIL = "officer@example.org"
SECTIONS = (
    "Learning from feedback",
    "What changed because of feedback",
    "Coproduction",
    "Whom the board reaches",
)


def month_totals(tab):
    """{month: its "All" figure} from the report's month table."""
    table = tab.locator("table").filter(has=tab.locator("caption", has_text="Responses each month"))
    totals = {}
    for row in table.locator("tbody tr").all():
        month = row.locator("th").inner_text().strip()
        totals[month] = int(row.locator("td").last.inner_text().strip())
    return totals


def from_the_reports_menu(browser, demo_site, name):
    """A tab of the officer's, on the page the Reports menu names `name`."""
    officer = get_user_model().objects.get(email=OFFICER_EMAIL)
    tab = signed_in_context(browser, demo_site, officer).new_page()
    tab.goto(demo_site["/admin/"])
    tab.get_by_role("button", name="Reports").click()
    with tab.expect_navigation():
        tab.get_by_role("link", name=name, exact=True).click()
    return tab


def test_an_officer_checks_a_figure_of_the_volume_report(browser, demo_site):
    tab = from_the_reports_menu(browser, demo_site, "Volume of responses")
    expect(tab.get_by_role("heading", name="Volume of responses", level=1)).to_be_visible()
    assert_no_axe_violations(tab, "the volume report")

    totals = month_totals(tab)
    assert sum(totals.values()) > 0, "the demo has no responses in the last twelve months"
    drawn = [int(text) for text in tab.locator("svg .value").all_text_contents() if text.strip()]
    assert sorted(drawn) == sorted(totals.values())

    service = Service.objects.filter(consultations__isnull=False).first()
    tab.get_by_label("Service").select_option(label=service.name)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Show the figures").click()
    narrowed = month_totals(tab)
    assert sum(narrowed.values()) <= sum(totals.values())
    month, figure = next((m, count) for m, count in narrowed.items() if count)

    row = tab.locator("tbody tr").filter(has=tab.locator("th", has_text=month))
    with tab.expect_navigation():
        row.locator("td").last.get_by_role("link").click()
    assert re.search(rf"service={service.pk}", tab.url), tab.url
    # The listing says how many it found (it shows them a page at a time).
    expect(tab.locator(".triage-summary__count strong")).to_have_text(
        f"{figure} response{'s' if figure != 1 else ''}"
    )


@pytest.mark.parametrize(
    "report", ["Themes", "Keeping in touch", "Learning from feedback", "Promises kept"]
)
def test_each_report_reads_well(browser, demo_site, report):
    tab = from_the_reports_menu(browser, demo_site, report)
    expect(tab.get_by_role("heading", name=report, level=1)).to_be_visible()
    assert_no_axe_violations(tab, report)


def test_an_officer_builds_an_evidence_pack_and_deletes_it(browser, demo_site):
    """Every page of it passes axe, a mistake is named in an error summary, and the pack
    built can be downloaded (then deleted, so that no file is left behind)."""
    tab = from_the_reports_menu(browser, demo_site, "Evidence packs")
    assert_no_axe_violations(tab, "the evidence packs")
    with tab.expect_navigation():
        tab.get_by_role("link", name="Build an evidence pack").click()
    assert_no_axe_violations(tab, "asking for an evidence pack")

    tab.get_by_label("First day").fill("")
    tab.get_by_label("Commentary: coproduction").fill("Members chose the agenda of every meeting.")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Build the pack").click()
    summary = tab.locator(".error-summary")
    expect(summary.get_by_role("link", name="Enter the first day")).to_be_visible()
    expect(tab.get_by_label("Commentary: coproduction")).to_have_value(
        "Members chose the agenda of every meeting."
    )
    assert_no_axe_violations(tab, "an evidence pack's form with a mistake")

    # The demo's year: its dates are counted back from today.
    tab.get_by_label("First day").fill((timezone.localdate() - timedelta(days=365)).isoformat())
    with tab.expect_navigation():
        tab.get_by_role("button", name="Build the pack").click()
    expect(tab.locator("#pack-status")).to_contain_text("Ready")
    assert_no_axe_violations(tab, "an evidence pack that is ready")
    with tab.expect_download() as download:
        tab.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(download.value.path()).pages
    )
    for section in SECTIONS:
        assert section in text, f"the PDF has no section {section!r}"
    published = ChangeRecord.objects.published().filter(
        first_published_at__gte=timezone.now() - timedelta(days=365)
    )
    assert published.exists()
    for change in published:
        assert " ".join(change.title.split()) in text, f"the PDF leaves out {change.title!r}"
    assert "Members chose the agenda of every meeting." in text
    for person in get_user_model().objects.all():
        for detail in (person.email, person.display_name, person.last_name):
            assert not detail or detail not in text, f"the PDF names {detail!r}"
    for contact in ReplyContact.objects.all():
        for detail in (contact.email, contact.name, contact.phone, contact.postcode):
            assert not detail or detail not in text, f"the PDF names {detail!r}"

    with tab.expect_download() as download:
        tab.get_by_role("link", name="Download the figures as CSV files (zip)").click()
    with zipfile.ZipFile(download.value.path()) as bundle:
        names = bundle.namelist()
        months = list(csv.reader(io.StringIO(bundle.read(names[0]).decode())))
    assert names[0] == "01-responses-each-month.csv"
    assert sum(int(row[1]) for row in months[1:]) > 100, "the demo year has few responses"

    with tab.expect_navigation():
        tab.get_by_role("link", name="Delete this pack").click()
    assert_no_axe_violations(tab, "deleting an evidence pack")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Yes, delete the pack").click()
    expect(tab.get_by_text("No packs yet.")).to_be_visible()


@pytest.mark.parametrize("report", ["Themes", "Keeping in touch", "Learning from feedback"])
def test_each_report_narrowed_by_service_leads_to_as_many_responses(browser, demo_site, report):
    """Narrowed to the service of the demo's busiest consultation, a report's first figure
    opens the triage listing on as many responses as it says."""
    service = Service.objects.get(slug="direct-payments")
    tab = from_the_reports_menu(browser, demo_site, report)
    tab.get_by_label("Service", exact=True).select_option(label=service.name)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Show the figures").click()
    figure = tab.locator("main a[href*='/admin/feedback/']").filter(has_text=re.compile(r"^\d+"))
    link = figure.first
    expected = int(re.match(r"\d+", link.inner_text().strip())[0])
    assert expected > 0
    with tab.expect_navigation():
        link.click()
    assert f"service={service.pk}" in tab.url, tab.url
    expect(tab.locator(".triage-summary__count strong")).to_have_text(
        f"{expected} response{'s' if expected != 1 else ''}"
    )
