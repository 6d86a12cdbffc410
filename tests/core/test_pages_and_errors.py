"""Search, the 404 and 500 pages, and the content page types."""

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from boardhub.core.models import StandardPage
from boardhub.demo.factories import activate_totp
from home.models import HomePage
from tests.conftest import record_second_factor
from tests.listing import current_page, page_numbers, previous_and_next

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return HomePage.objects.get()


def add_page(parent, title, publish=True, **fields):
    page = parent.add_child(instance=StandardPage(title=title, **fields))
    if publish:
        page.save_revision().publish()
    else:
        page.unpublish()
    return page


def test_a_standard_page_shows_its_content_and_breadcrumbs(client, home):
    about = add_page(home, "About the board", introduction="Who we are.")
    add_page(about, "Our members", introduction="The people on the board.")

    content = client.get("/about-the-board/our-members/").content.decode()

    assert '<h1 class="heading-xl">Our members</h1>' in content
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in content
    assert 'href="/about-the-board/">About the board</a>' in content


def test_pages_chosen_for_menus_appear_in_the_main_navigation(client, home):
    add_page(home, "About the board", show_in_menus=True)
    add_page(home, "Hidden from menus", show_in_menus=False)

    content = client.get("/about-the-board/").content.decode()

    assert 'href="/about-the-board/" aria-current="page">About the board</a>' in content
    assert "Hidden from menus</a>" not in content


def test_search_finds_published_public_pages_only(client, home):
    add_page(home, "Direct payments explained")
    add_page(home, "Direct payments draft", publish=False)
    private = add_page(home, "Direct payments private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    content = client.get("/search/", {"query": "direct payments"}).content.decode()

    assert "1 result for “direct payments”" in content
    assert "Direct payments explained" in content
    assert "Direct payments draft" not in content
    assert "Direct payments private" not in content


def test_search_with_no_results_suggests_what_to_try(client, home):
    content = client.get("/search/", {"query": "zebra crossing"}).content.decode()

    assert "No results for “zebra crossing”" in content
    assert "Try fewer words" in content


def test_search_results_are_paginated_and_keep_the_query(client, home):
    for number in range(12):
        add_page(home, f"Carers meeting {number}")

    first = client.get("/search/", {"query": "carers"}).content.decode()
    second = client.get("/search/", {"query": "carers", "page": 2}).content.decode()

    assert current_page(first) == "1"
    assert previous_and_next(first) == {"next": ("Next page", "?query=carers&page=2")}
    assert page_numbers(first) == ["1", "2"]
    assert current_page(second) == "2"
    assert previous_and_next(second) == {"prev": ("Previous page", "?query=carers&page=1")}


def test_a_missing_page_gets_a_helpful_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    content = response.content.decode()
    assert "<title>Page not found" in content
    assert 'href="/search/">search this website</a>' in content


@pytest.mark.urls("tests.core.urls_failing")
def test_a_fault_shows_the_500_page_without_technical_details():
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    content = response.content.decode()
    assert "Sorry, there is a problem with the service" in content
    assert "A fault for the tests" not in content
    assert 'id="main-content"' in content


@pytest.mark.urls("tests.core.urls_failing")
def test_the_500_page_still_renders_when_its_template_cannot(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content


class TestPageTypes(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.get()
        officer = self.login()
        activate_totp(officer)  # the admin requires two-factor, passed in this session
        record_second_factor(self.client, officer)

    def test_an_officer_can_build_a_standard_page_with_every_block(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "How the board works",
                    "slug": "how-the-board-works",
                    "introduction": "What happens at meetings.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Meetings", "level": "h2"}),
                            ("paragraph", rich_text("<p>We meet every month.</p>")),
                            (
                                "callout",
                                {"title": "Need help?", "text": rich_text("<p>Call us.</p>")},
                            ),
                        ]
                    ),
                }
            ),
        )

    def test_standard_pages_render(self):
        page = add_page(self.home, "Rendered page", introduction="Plain words.")
        self.assertPageIsRenderable(page)


# A second visit: the menu, the footer, the breadcrumbs and, on the home page, the latest
# changes and the running totals come from the shared cache (boardhub.core.fragments).
DEMO_PAGES_AND_QUERY_BUDGETS = [
    ("/", 8),
    ("/about-the-board/", 10),
    ("/accessibility-statement/", 10),
    ("/privacy-notice/", 10),
    ("/search/?query=board", 11),  # one query for each page type in the results
    ("/reader-preferences/", 3),
    ("/accounts/login/", 3),
    ("/no-such-page/", 7),
]


@pytest.mark.parametrize(("path", "budget"), DEMO_PAGES_AND_QUERY_BUDGETS)
def test_every_demo_page_stays_within_its_query_budget(
    client, path, budget, django_assert_max_num_queries
):
    call_command("load_demo_site", verbosity=0)
    client.get(path)  # fill Wagtail's per-process caches (site root paths, renditions)

    with django_assert_max_num_queries(budget):
        response = client.get(path)

    assert response.status_code in (200, 404)
