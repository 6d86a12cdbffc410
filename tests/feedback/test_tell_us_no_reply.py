"""Someone who answers "No" to "Do you want us to reply?" on "Tell us" hears nothing back:
no receipt, by any channel, whether they are a signed-in member (whose profile could reach
them) or a visitor (who then leaves no contact details at all). Someone who says "Yes" gets
the one receipt, so that these tests would see a receipt if one were sent."""

import pytest
from django.core.cache import cache

from boardhub.consultations.models import Feedback
from boardhub.demo.factories import ServiceFactory, TellUsPageFactory, UserFactory
from boardhub.feedback.models import ReplyContact
from boardhub.notifications.models import Notification
from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    """The limit on answers from one address lives in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tell_us_page():
    return TellUsPageFactory(parent=HomePage.objects.get())


@pytest.fixture
def service():
    return ServiceFactory(name="Direct payments")


def told(client, tell_us_page, service, wants_reply, key, **details):
    data = {
        "kind": "compliment",
        "service": str(service.pk),
        "what_happened": "The new carer listens, and comes on time.",
        "what_would_help": "",
        "wants_reply": wants_reply,
        "idempotency_key": key * 32,
        **details,
    }
    response = client.post(tell_us_page.url, data)
    assert response.status_code == 200
    feedback = Feedback.objects.get(idempotency_key=key * 32)
    assert feedback.reference in response.content.decode()
    return feedback


@pytest.fixture
def member(client):
    member = UserFactory(display_name="Sam Okafor", email="sam@example.org")
    client.force_login(member)
    return member


def test_a_member_who_needs_no_reply_gets_no_receipt(
    client, tell_us_page, service, member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = told(client, tell_us_page, service, "no", "a")

    assert feedback.member == member
    assert feedback.form_data["wants_reply"] == "No"
    assert not Notification.objects.about(feedback).exists()
    assert mailoutbox == []


def test_a_member_who_wants_a_reply_gets_the_receipt_their_profile_says(
    client, tell_us_page, service, member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = told(client, tell_us_page, service, "yes", "b")

    [receipt] = Notification.objects.about(feedback)
    assert (receipt.message_key, receipt.asked_for) == ("feedback_receipt", "email")
    assert receipt.address == "sam@example.org"


def test_a_visitor_who_needs_no_reply_leaves_no_contact_and_gets_nothing(
    client, tell_us_page, service, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = told(
            client,
            tell_us_page,
            service,
            "no",
            "c",
            reply_by="email",
            email="jo@example.org",
            phone="07700 900 982",
        )

    assert feedback.member is None
    assert not ReplyContact.objects.filter(feedback=feedback).exists()
    assert not Notification.objects.about(feedback).exists()
    assert mailoutbox == []


def test_a_visitor_who_wants_a_reply_gets_the_receipt_the_way_they_asked(
    client, tell_us_page, service, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = told(
            client, tell_us_page, service, "yes", "d", reply_by="email", email="jo@example.org"
        )

    assert ReplyContact.objects.get(feedback=feedback).reply_by == "email"
    [receipt] = Notification.objects.about(feedback)
    assert (receipt.message_key, receipt.address) == ("feedback_receipt", "jo@example.org")
