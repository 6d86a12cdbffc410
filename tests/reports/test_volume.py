"""The volume report: responses each month by channel and by who sent them, and what they
were about; every figure a link to the triage listing on the same responses."""

from datetime import UTC, datetime
from operator import call

import pytest
import time_machine
from bs4 import BeautifulSoup
from wagtail import hooks

from boardhub.consultations.models import Feedback
from boardhub.demo.factories import (
    ConsultationPageFactory,
    FeedbackFactory,
    ServiceFactory,
    UserFactory,
)
from boardhub.feedback.models import GeneralFeedback
from tests.feedback.conftest import officer_in
from tests.reports.conftest import figures_table

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/volume/"
REPORTS_MENU = "register_reports_menu_item"
TODAY = datetime(2026, 12, 7, 12, tzinfo=UTC)


def sent(consultation, when, channel="online", member=None):
    response = FeedbackFactory(page=consultation, channel=channel, member=member)
    Feedback.objects.filter(pk=response.pk).update(submit_time=when)
    return response


@pytest.fixture
def responses(consultation):
    member = UserFactory()
    sent(consultation, datetime(2026, 10, 3, tzinfo=UTC))
    sent(consultation, datetime(2026, 10, 30, tzinfo=UTC), channel="paper")
    sent(consultation, datetime(2026, 11, 5, tzinfo=UTC), member=member)
    sent(consultation, datetime(2026, 11, 6, tzinfo=UTC), channel="phone", member=member)
    sent(consultation, datetime(2026, 11, 30, 23, 30, tzinfo=UTC))
    sent(consultation, datetime(2026, 9, 30, 23, 30, tzinfo=UTC))  # 1 October in London (BST)
    sent(consultation, datetime(2025, 6, 1, tzinfo=UTC))  # before the period
    return consultation


def table(response):
    return figures_table(response, "by-month-caption")


@time_machine.travel(TODAY)
def test_each_month_by_channel_and_by_who_sent_them(client, handler, responses):
    client.force_login(handler)
    rows = table(client.get(REPORT))

    months = list(rows)
    assert (months[0], months[-1]) == ("December 2025", "December 2026")
    assert len(months) == 13  # every month of the period, none left out
    october, november = rows["October 2026"], rows["November 2026"]
    assert (october["Online"][0], october["Paper form"][0], october["All"][0]) == (2, 1, 3)
    assert (november["Board members"][0], november["The public"][0]) == (2, 1)
    assert november["Phone call"][0] == 1
    assert rows["June 2026"]["All"] == (0, None)


@time_machine.travel(TODAY)
def test_every_figure_opens_the_listing_on_the_responses_it_counts(client, handler, responses):
    client.force_login(handler)
    report = client.get(REPORT)
    checked = 0
    for month in table(report).values():
        for figure, link in month.values():
            if link is None:
                continue
            listing = client.get(link)
            assert listing.status_code == 200
            assert listing.context["paginator"].count == figure, link
            checked += 1
    assert checked >= 8


@time_machine.travel(TODAY)
def test_narrowed_to_one_service(client, handler, responses, consultation):
    home_care = ServiceFactory(name="Home care")
    consultation.services.add(home_care)
    consultation.save()  # a page's services are kept when the page is saved
    other = ConsultationPageFactory(parent=consultation.get_parent(), title="Day centres")
    about_day_centres = sent(other, datetime(2026, 11, 10, tzinfo=UTC))
    day_centres = ServiceFactory(name="Day centres")
    GeneralFeedback.objects.create(feedback=about_day_centres, kind="idea", service=day_centres)
    client.force_login(handler)

    everything = client.get(REPORT)
    narrowed = client.get(REPORT, {"service": home_care.pk})

    page = " ".join(BeautifulSoup(everything.content, "html.parser").get_text().split())
    assert "Home care: 6 responses" in page and "Day centres: 1 response" in page
    assert table(everything)["November 2026"]["All"][0] == 4
    assert table(narrowed)["November 2026"]["All"][0] == 3
    assert f"service={home_care.pk}" in table(narrowed)["November 2026"]["All"][1]


@time_machine.travel(TODAY)
def test_a_period_that_ends_before_it_starts(client, handler, responses):
    client.force_login(handler)
    response = client.get(
        REPORT, {"submit_time_from": "2026-11-01", "submit_time_to": "2026-10-01"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The last day must be the same as or after the first day" in page
    assert 'value="2026-10-01"' in page  # what they typed is kept
    assert "by-month-caption" not in page


@time_machine.travel(TODAY)
def test_a_period_with_no_responses_says_so(client, handler, responses):
    client.force_login(handler)
    page = client.get(
        REPORT, {"submit_time_from": "2024-01-01", "submit_time_to": "2024-03-31"}
    ).content.decode()
    assert "No responses arrived from 1 January 2024 to 31 March 2024" in page


def test_only_feedback_handlers_see_it(client, responses):
    editor = officer_in("Editors", "Moderators")
    client.force_login(editor)
    assert client.get(REPORT).status_code in (302, 403)
    client.force_login(UserFactory())
    assert client.get(REPORT).status_code in (302, 403)


@pytest.mark.parametrize("size", [3, 30])
@time_machine.travel(TODAY)
def test_a_bounded_number_of_queries(
    client, handler, consultation, size, django_assert_max_num_queries
):
    for day in range(size):
        sent(consultation, datetime(2026, 1 + day % 11, 1 + day % 27, tzinfo=UTC))
    client.force_login(handler)
    client.get(REPORT)
    with django_assert_max_num_queries(20):
        assert client.get(REPORT).status_code == 200


def test_the_reports_menu_lists_what_each_officer_may_read(client):
    def reports_menu(user):
        client.force_login(user)
        return client.get("/admin/").content.decode()

    handler_menu = reports_menu(officer_in("Feedback handlers"))
    for report in ("Volume of responses", "Themes", "Keeping in touch", "Learning from feedback"):
        assert report in handler_menu
    assert "Promises kept" not in handler_menu
    assert "Promises kept" in reports_menu(officer_in("Meeting organisers"))


def test_the_reports_include_the_suppressed_summary_of_who_is_on_the_board():
    items = {item.label: item.url for item in map(call, hooks.get_hooks(REPORTS_MENU))}
    assert items["Who is on the board"] == "/admin/who-is-on-the-board/"
