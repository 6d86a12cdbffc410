"""What an applicant says about the support they need, and the formats that work for them, on
the "Join the board" form starts off their profile when they make their account."""

import pytest
from django.core import mail

from boardhub.demo.factories import ApplicationFactory
from boardhub.joining.models import Application, Invitation
from tests.conftest import SignedInClient

pytestmark = pytest.mark.django_db

PASSWORD = "a long phrase I will remember"


def approve_and_join(client, reviewer, application, capture):
    client.force_login(reviewer)
    with capture(execute=True):
        client.post(f"/admin/applications/approve/{application.pk}/")
    link = mail.outbox[-1].body.split("http://testserver")[1].split()[0]
    person = SignedInClient()
    person.get(link)
    person.post(
        "/accounts/signup/",
        {"display_name": "Pat", "password1": PASSWORD, "password2": PASSWORD},
    )
    return Invitation.objects.get(application=application).accepted_by.profile


def test_the_join_form_asks_which_formats_work_and_keeps_them(client):
    page = client.get("/join/").content.decode()
    assert "Which formats work for you?" in page
    assert 'name="formats" value="easy_read"' in page

    client.post(
        "/join/",
        {
            "name": "Pat Applicant",
            "email": "pat@example.org",
            "contact_method": "email",
            "support_needs": "Someone with me at meetings",
            "formats": ["easy_read", "large_print"],
            "consent": "on",
        },
    )

    application = Application.objects.get()
    assert application.formats == ["easy_read", "large_print"]
    assert application.support_needs == "Someone with me at meetings"


def test_a_format_that_is_not_offered_is_refused_and_the_rest_kept(client):
    response = client.post(
        "/join/",
        {
            "name": "Pat Applicant",
            "email": "pat@example.org",
            "contact_method": "email",
            "support_needs": "Large print please",
            "formats": ["smoke_signals"],
            "consent": "on",
        },
    )
    content = response.content.decode()
    assert "Choose from the options given" in content
    assert "Large print please" in content
    assert not Application.objects.exists()


def test_the_support_they_need_and_their_formats_start_their_profile(
    client, reviewer, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(
        support_needs="  Papers in large print, and a quiet room.  ",
        formats=["large_print", "supporter_present"],
    )

    profile = approve_and_join(client, reviewer, application, django_capture_on_commit_callbacks)

    assert profile.communication_needs == "Papers in large print, and a quiet room."
    assert profile.formats == ["large_print", "supporter_present"]


def test_no_support_given_leaves_the_profile_empty(
    client, reviewer, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(support_needs="", formats=[])

    profile = approve_and_join(client, reviewer, application, django_capture_on_commit_callbacks)

    assert profile.communication_needs == ""
    assert profile.formats == []
