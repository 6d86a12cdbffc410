"""The volume report in a browser: an officer opens it from the Reports menu, narrows it to
one service, and follows a figure to the feedback listing, which shows as many responses as
the figure said. The page, its chart and its table pass axe, and the chart's bars agree with
the table."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from boardhub.services.models import Service

from .conftest import assert_no_axe_violations
from .test_autosave_races import signed_in_context

OFFICER_EMAIL = "officer@example.org"


def month_totals(tab):
    """{month: its "All" figure} from the report's month table."""
    table = tab.locator("table").filter(has=tab.locator("caption", has_text="Responses each month"))
    totals = {}
    for row in table.locator("tbody tr").all():
        month = row.locator("th").inner_text().strip()
        totals[month] = int(row.locator("td").last.inner_text().strip())
    return totals


def test_an_officer_checks_a_figure_of_the_volume_report(browser, demo_site):
    officer = get_user_model().objects.get(email=OFFICER_EMAIL)
    tab = signed_in_context(browser, demo_site, officer).new_page()
    tab.goto(demo_site["/admin/"])
    tab.get_by_role("button", name="Reports").click()
    with tab.expect_navigation():
        tab.get_by_role("link", name="Volume of responses").click()
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
    expect(tab.locator("#listing-results table > tbody > tr")).to_have_count(figure)


@pytest.mark.parametrize(
    "report", ["Themes", "Keeping in touch", "Learning from feedback", "Promises kept"]
)
def test_each_report_reads_well(browser, demo_site, report):
    officer = get_user_model().objects.get(email=OFFICER_EMAIL)
    tab = signed_in_context(browser, demo_site, officer).new_page()
    tab.goto(demo_site["/admin/"])
    tab.get_by_role("button", name="Reports").click()
    with tab.expect_navigation():
        tab.get_by_role("link", name=report, exact=True).click()
    expect(tab.get_by_role("heading", name=report, level=1)).to_be_visible()
    assert_no_axe_violations(tab, report)
