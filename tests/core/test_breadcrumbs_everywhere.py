"""Breadcrumbs on every page below the home page, Wagtail pages or not (signing in, joining,
search, reader preferences, the account area, your data), and none on the home page."""

import re

import pytest

from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    StandardPageFactory,
    UserFactory,
)
from home.models import HomePage

pytestmark = pytest.mark.django_db

NAV = re.compile(
    r'<nav class="breadcrumbs" aria-label="Breadcrumb">\s*<ol class="breadcrumbs__list">(.*?)</ol>',
    re.DOTALL,
)
ANYONE = [
    "/accounts/login/",
    "/accounts/login/code/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/signup/",
    "/join/",
    "/search/",
    "/search/?query=care",
    "/reader-preferences/",
]
MEMBERS = [
    "/account/",
    "/account/profile/",
    "/account/feedback/",
    "/account/your-data/",
    "/account/your-data/delete/",
    "/accounts/email/",
    "/accounts/password/change/",
]


def crumbs(response):
    assert response.status_code == 200, response.status_code
    found = NAV.search(response.content.decode())
    assert found, "no breadcrumbs"
    return re.findall(r'<a class="breadcrumbs__link" href="([^"]*)">([^<]*)</a>', found.group(1))


@pytest.mark.parametrize("url", ANYONE)
def test_pages_anyone_sees_lead_home(client, url):
    assert crumbs(client.get(url))[0] == ("/", "Home")


@pytest.mark.parametrize("url", MEMBERS)
def test_the_account_area_leads_home(client, url):
    client.force_login(UserFactory(verified=True))

    assert crumbs(client.get(url))[0] == ("/", "Home")


def test_wagtail_pages_lead_home_through_their_parents(client):
    home = HomePage.objects.get()
    index = ConsultationIndexPageFactory(parent=home, title="Consultations")
    consultation = ConsultationPageFactory(parent=index, title="Care at home")
    about = StandardPageFactory(parent=home, title="About the board")

    assert crumbs(client.get(consultation.url)) == [("/", "Home"), (index.url, "Consultations")]
    assert crumbs(client.get(about.url)) == [("/", "Home")]


def test_the_home_page_has_no_breadcrumbs(client):
    content = client.get("/").content.decode()

    assert 'class="breadcrumbs"' not in content
