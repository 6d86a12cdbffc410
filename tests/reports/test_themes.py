"""The themes report: the most common themes, how they moved month by month, and each
service's; every figure a link to the listing on the same responses."""

from datetime import UTC, datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from boardhub.demo.factories import ConsultationPageFactory, ServiceFactory, ThemeFactory
from boardhub.feedback.models import FeedbackTheme
from tests.reports.conftest import figures_table
from tests.reports.test_volume import TODAY, sent

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/themes/"


def themed(consultation, when, *themes):
    response = sent(consultation, when)
    for theme in themes:
        FeedbackTheme.objects.create(feedback=response, theme=theme)
    return response


@pytest.fixture
def waiting():
    return ThemeFactory(name="Waiting times")


@pytest.fixture
def money():
    return ThemeFactory(name="Money")


@pytest.fixture
def themed_responses(consultation, waiting, money):
    home_care = ServiceFactory(name="Home care")
    consultation.services.add(home_care)
    consultation.save()
    themed(consultation, datetime(2026, 10, 2, tzinfo=UTC), waiting)
    themed(consultation, datetime(2026, 10, 9, tzinfo=UTC), waiting, money)
    themed(consultation, datetime(2026, 11, 4, tzinfo=UTC), waiting)
    themed(consultation, datetime(2026, 11, 5, tzinfo=UTC))  # no theme yet
    other = ConsultationPageFactory(parent=consultation.get_parent(), title="Day centres")
    other.services.add(ServiceFactory(name="Day centres"))
    other.save()
    themed(other, datetime(2026, 11, 20, tzinfo=UTC), money)
    return consultation


@time_machine.travel(TODAY)
def test_the_most_common_first_and_month_by_month(client, handler, themed_responses):
    client.force_login(handler)
    response = client.get(REPORT)

    ranked = figures_table(response, "ranked-caption")
    assert list(ranked) == ["Waiting times", "Money"]
    assert (ranked["Waiting times"]["Responses"][0], ranked["Money"]["Responses"][0]) == (3, 2)
    moving = figures_table(response, "moving-caption")
    assert moving["Waiting times"]["Oct 2026"][0] == 2
    assert moving["Waiting times"]["Nov 2026"][0] == 1
    assert moving["Money"]["Nov 2026"][0] == 1
    text = " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())
    assert "Home care: Waiting times (3), Money (1)" in text
    assert "Day centres: Money (1)" in text


@time_machine.travel(TODAY)
def test_every_figure_opens_the_listing_on_the_responses_it_counts(
    client, handler, themed_responses
):
    client.force_login(handler)
    response = client.get(REPORT)
    soup = BeautifulSoup(response.content, "html.parser")
    links = [
        a for a in soup.find("main").find_all("a") if a["href"].startswith("/admin/feedback/?")
    ]
    assert len(links) >= 8
    for link in links:
        listing = client.get(link["href"])
        assert listing.context["paginator"].count == int(link.get_text()), link["href"]


@time_machine.travel(TODAY)
def test_narrowed_to_one_consultation(client, handler, themed_responses):
    client.force_login(handler)
    ranked = figures_table(
        client.get(REPORT, {"consultation": themed_responses.pk}), "ranked-caption"
    )
    assert ranked["Money"]["Responses"][0] == 1


@time_machine.travel(TODAY)
def test_a_period_without_themes_says_so(client, handler, consultation):
    sent(consultation, datetime(2026, 11, 5, tzinfo=UTC))
    client.force_login(handler)
    text = " ".join(BeautifulSoup(client.get(REPORT).content, "html.parser").get_text().split())
    assert "None of the 1 response from 1 December 2025 to 7 December 2026 has a theme yet" in text


@pytest.mark.parametrize("size", [3, 30])
@time_machine.travel(TODAY)
def test_a_bounded_number_of_queries(
    client, handler, consultation, waiting, money, size, django_assert_max_num_queries
):
    for day in range(size):
        themed(consultation, datetime(2026, 1 + day % 11, 1 + day % 27, tzinfo=UTC), waiting, money)
    client.force_login(handler)
    client.get(REPORT)
    with django_assert_max_num_queries(22):
        assert client.get(REPORT).status_code == 200
