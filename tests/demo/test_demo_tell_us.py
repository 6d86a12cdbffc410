"""The demo site has a "Tell us" page under its home page, linked from the home page's "Open
now" section, and a few things people told it through the page, of each kind."""

from io import StringIO

import pytest
from django.core.management import call_command

from boardhub.consultations.models import Feedback
from boardhub.feedback.models import FeedbackKind, GeneralFeedback, ReplyContact, TellUsPage
from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site():
    out = StringIO()
    call_command("load_demo_site", stdout=out)
    return out.getvalue()


def test_the_tell_us_page_is_live_under_the_home_page_and_linked(client, demo_site):
    page = TellUsPage.objects.get()
    assert page.live and page.get_parent().specific_class is HomePage
    home = client.get("/").content.decode()
    assert f'href="{page.url}"' in home
    assert "Tell us about any care service" in home
    response = client.get(page.url)
    assert response.status_code == 200
    assert "If you or someone else is at risk" in response.content.decode()


def test_the_demo_has_tell_us_responses_of_each_kind_and_service(demo_site):
    responses = Feedback.objects.filter(page__in=TellUsPage.objects.all())
    assert responses.count() == 3
    kinds = set(GeneralFeedback.objects.values_list("kind", flat=True))
    assert kinds == set(FeedbackKind.values)
    assert GeneralFeedback.objects.filter(service__isnull=True).count() == 1
    assert responses.filter(member__isnull=False).count() == 1
    contact = ReplyContact.objects.get(feedback__in=responses)
    assert contact.reply_by == "text" and contact.phone == "07700 900123"
    assert "Sent “Tell us” feedback" in demo_site


def test_a_second_run_stores_no_more(demo_site):
    call_command("load_demo_site", stdout=StringIO())
    assert Feedback.objects.filter(page__in=TellUsPage.objects.all()).count() == 3
