"""The demo site's easy read guides (site/demo/content.json): they pass the easy read check, and
link to their standard versions and back."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from boardhub.easyread.models import EasyReadGuidePage
from boardhub.easyread.readability import check_guide

pytestmark = pytest.mark.django_db

DEMO_GUIDES = ["Direct payments", "Your care assessment", "Know where to go for help"]


@pytest.fixture
def demo_guides():
    call_command("load_demo_site", stdout=io.StringIO())
    return {guide.title: guide for guide in EasyReadGuidePage.objects.live()}


@pytest.mark.parametrize("title", DEMO_GUIDES)
def test_each_demo_guide_passes_the_easy_read_check(demo_guides, title):
    problems = check_guide(demo_guides[title])

    assert problems == [], f"{title}:\n" + "\n".join(f"  {problem}" for problem in problems)


def links_in(client, url, selector):
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [(" ".join(link.get_text().split()), link["href"]) for link in soup.select(selector)]


def test_the_demo_guides_are_on_the_index_by_topic(client, demo_guides):
    response = client.get("/easy-read/")

    soup = BeautifulSoup(response.content.decode(), "html.parser")
    topics = [" ".join(h2.get_text().split()) for h2 in soup.select("main h2[id^=topic-]")]
    assert topics == ["Money and direct payments", "Assessments", "Know where to go"]
    titles = [" ".join(h3.get_text().split()) for h3 in soup.select(".easy-read-guides__title")]
    assert titles == DEMO_GUIDES


def test_the_demo_links_guides_and_their_standard_versions_both_ways(client, demo_guides):
    payments = demo_guides["Direct payments"].url
    assessment = demo_guides["Your care assessment"].url
    standard = ".easy-read-standard a"
    easy_read = ".easy-read-link a"

    assert links_in(client, payments, standard) == [
        ("A new easy read guide to direct payments", "/have-your-say/easy-read-direct-payments/"),
        ("Direct payments", "/you-said-we-did/services/direct-payments/"),
    ]
    assert links_in(client, "/have-your-say/easy-read-direct-payments/", easy_read) == [
        ("Read the easy read version of this consultation", payments)
    ]
    assert links_in(client, "/you-said-we-did/services/direct-payments/", easy_read) == [
        ("Read the easy read version of this service", payments)
    ]
    assert links_in(client, assessment, standard) == [
        ("Care and support assessments", "/care-assessments/")
    ]
    assert links_in(client, "/care-assessments/", easy_read) == [
        ("Read the easy read version of this page", assessment)
    ]
