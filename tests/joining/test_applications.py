"""The public "Join the board" form, and what it refuses."""

import pytest
from django.core import mail

from boardhub.demo.factories import ApplicationFactory, UserFactory
from boardhub.joining.models import Application

pytestmark = pytest.mark.django_db

XSS = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'


def answers(**changes):
    data = {
        "name": "Pat Applicant",
        "email": "pat@example.org",
        "phone": "",
        "contact_method": "email",
        "lived_experience": ["unpaid_carer", "autism"],
        "support_needs": "Large print papers.",
        "heard_about": "My GP surgery",
        "consent": "on",
    }
    data.update(changes)
    return data


def apply(client, capture, **changes):
    with capture(execute=True):
        return client.post("/join/", answers(**changes))


def test_the_form_has_labelled_fields_and_a_hidden_honeypot(client):
    page = client.get("/join/").content.decode()

    assert '<h1 class="heading-xl">Join the board</h1>' in page
    assert '<label class="label" for="id_name">Your name</label>' in page
    assert "What do you bring to the board?" in page
    assert "I look after someone (an unpaid carer)" in page
    assert '<div class="visually-hidden" aria-hidden="true">' in page
    assert '<label for="id_website">Leave this empty</label>' in page
    assert 'tabindex="-1"' in page


def test_an_application_is_stored_acknowledged_and_thanked(
    client, django_capture_on_commit_callbacks
):
    response = apply(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == "/join/application-sent/"
    application = Application.objects.get()
    assert application.name == "Pat Applicant"
    assert application.lived_experience == ["unpaid_carer", "autism"]
    assert application.status == Application.Status.NEW
    assert application.consented_at is not None
    [email] = mail.outbox
    assert email.to == ["pat@example.org"]
    assert "We have your application" in email.body
    assert email.alternatives[0][1] == "text/html"
    page = client.get(response["Location"]).content.decode()
    assert "We have your application" in page
    assert "What happens next" in page
    assert "within 4 weeks" in page


def test_mistakes_are_explained_and_what_was_typed_is_kept(client):
    response = client.post(
        "/join/",
        answers(name="", email="not-an-email", consent="", support_needs="Someone with me"),
    )

    page = response.content.decode()
    assert "<title>Error: Join the board" in page
    assert '<a href="#id_name">Enter your name</a>' in page
    assert (
        '<a href="#id_email">Enter an email address in the correct format, like name@example.com'
        in page
    )
    assert "Tick the box to say we can keep your details" in page
    assert 'value="not-an-email"' in page
    assert "Someone with me</textarea>" in page
    assert 'value="autism" id="id_lived_experience_3" checked' in page
    assert not Application.objects.exists()


def test_asking_to_be_phoned_needs_a_phone_number(client):
    page = client.post("/join/", answers(contact_method="phone")).content.decode()

    assert "Enter your phone number, so that we can call you" in page


def test_the_same_page_and_email_whether_or_not_the_address_has_an_account(
    client, django_capture_on_commit_callbacks
):
    UserFactory(verified=True, email="member@example.org")
    ApplicationFactory(email="applied@example.org")

    responses = [
        apply(client, django_capture_on_commit_callbacks, email=email)
        for email in ("new@example.org", "member@example.org", "applied@example.org")
    ]

    assert {(r.status_code, r["Location"]) for r in responses} == {(302, "/join/application-sent/")}
    assert [message.to for message in mail.outbox] == [
        ["new@example.org"],
        ["member@example.org"],
        ["applied@example.org"],
    ]
    assert len({message.body for message in mail.outbox}) == 1


def test_extra_fields_in_the_post_change_nothing(client, django_capture_on_commit_callbacks):
    apply(
        client,
        django_capture_on_commit_callbacks,
        is_staff="on",
        groups="1",
        email_verified="on",
        status="approved",
        decline_reason="x",
        reviewed_by="1",
    )

    application = Application.objects.get()
    assert application.status == Application.Status.NEW
    assert application.decline_reason == ""
    assert application.reviewed_by is None


def test_a_filled_in_honeypot_is_thrown_away_quietly(client, django_capture_on_commit_callbacks):
    response = apply(client, django_capture_on_commit_callbacks, website="http://spam.example")

    assert response["Location"] == "/join/application-sent/"
    assert not Application.objects.exists()
    assert not mail.outbox


def test_too_many_applications_from_one_browser_keep_what_was_typed(
    client, settings, django_capture_on_commit_callbacks
):
    per_session = settings.BOARDHUB_RATE_LIMITS["joining:applications"]["per_session"]
    for number in range(per_session):
        apply(client, django_capture_on_commit_callbacks, email=f"p{number}@example.org")

    response = apply(client, django_capture_on_commit_callbacks, email="one-more@example.org")

    content = response.content.decode()
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Your application has not been sent yet" in content
    assert "You have sent a lot of applications from this browser" in content
    assert 'value="one-more@example.org"' in content
    assert "Large print papers." in content
    assert Application.objects.count() == per_session
    # Someone else on the same connection, in their own browser, can still apply.
    other = apply(client.__class__(), django_capture_on_commit_callbacks, email="o@example.org")
    assert other.status_code == 302


def test_free_text_is_stored_as_typed(client, django_capture_on_commit_callbacks):
    apply(
        client,
        django_capture_on_commit_callbacks,
        name=XSS[:100],
        support_needs=XSS,
        heard_about=XSS,
    )

    application = Application.objects.get()
    assert application.support_needs == XSS
    assert application.heard_about == XSS
    page = client.get("/join/").content.decode()
    assert "<script>alert(1)" not in page
