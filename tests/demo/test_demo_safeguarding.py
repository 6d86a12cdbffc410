"""The demo site shows safeguarding at work: its Safeguarding group has a member, who is told
when a demo response is flagged, and every public form gives the demo council's numbers."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Site

from boardhub.consultations.models import ConsultationPage, ConsultationStatus, Feedback
from boardhub.core.models import BoardSettings
from boardhub.feedback import handling

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site():
    out = StringIO()
    call_command("load_demo_site", stdout=out)
    return out.getvalue()


def test_the_safeguarding_group_has_a_fictional_member_who_can_open_flagged_responses(
    demo_site,
):
    members = list(Group.objects.get(name="Safeguarding").user_set.filter(is_active=True))

    assert len(members) == 1
    officer = members[0]
    assert officer.email.endswith("@example.org")
    assert officer.is_staff and not officer.is_superuser
    assert handling.can_handle_safeguarding(officer)
    assert officer.email in demo_site  # printed with the other demo accounts


def test_flagging_a_demo_response_tells_the_demo_safeguarding_officer(demo_site, sent):
    officer = get_user_model().objects.get(email="officer@example.org")
    safeguarding = Group.objects.get(name="Safeguarding").user_set.get()
    response = Feedback.objects.order_by("pk").first()

    emails = sent(lambda: handling.flag_for_safeguarding(response, "At risk", officer))

    assert [email.to for email in emails] == [[safeguarding.email]]


def test_the_demo_forms_give_the_adult_social_care_number(client, demo_site):
    board = BoardSettings.for_site(Site.objects.get(is_default_site=True))
    assert board.adult_social_care_phone == "01632 960 111"
    open_now = next(
        page
        for page in ConsultationPage.objects.live()
        if page.status == ConsultationStatus.OPEN and page.audience == "everyone"
    )

    html = client.get(open_now.url).content.decode()

    assert "01632 960 111" in html
    assert "out-of-hours team on 01632 960 222" in html


def test_loading_again_adds_no_second_safeguarding_officer(demo_site):
    call_command("load_demo_site", stdout=StringIO())

    assert Group.objects.get(name="Safeguarding").user_set.count() == 1
