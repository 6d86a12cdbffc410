"""The home page: made by a migration, the root of the site."""

import pytest
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from boardhub.consultations.models import ConsultationIndexPage
from boardhub.core.models import StandardPage
from boardhub.easyread.models import EasyReadIndexPage
from boardhub.feedback.models import TellUsPage
from boardhub.impact.models import YouSaidWeDidPage
from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_migrations_make_the_home_page_the_root_of_the_default_site(client):
    home = HomePage.objects.get()

    response = client.get("/")

    assert response.status_code == 200
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert f'<h1 class="heading-xl">{home.title}</h1>' in response.content.decode()


def test_the_home_page_shows_its_introduction(client):
    home = HomePage.objects.get()
    home.introduction = "We are people who use care and support."
    home.save_revision().publish()

    assert '<p class="lead">We are people who use care and support.</p>' in (
        client.get("/").content.decode()
    )


class TestHomePageType(WagtailPageTestCase):
    def test_the_home_page_holds_standard_pages_and_sections(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {StandardPage, ConsultationIndexPage, YouSaidWeDidPage, EasyReadIndexPage, TellUsPage},
        )

    def test_there_is_only_ever_one_home_page(self):
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))
