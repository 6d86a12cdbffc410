"""Officers review applications in Wagtail's admin: approve (an invitation goes out) or decline
(with a reason the applicant is told)."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import ModelLogEntry

from boardhub.demo.factories import ApplicationFactory, UserFactory, activate_totp
from boardhub.joining.models import Application, Invitation
from tests.conftest import SignedInClient
from tests.joining.conftest import make_officer

pytestmark = pytest.mark.django_db

XSS = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'


def approve_url(application):
    return f"/admin/applications/approve/{application.pk}/"


def decline_url(application):
    return f"/admin/applications/decline/{application.pk}/"


def test_the_list_shows_name_date_and_status(client, plain_officer, django_assert_max_num_queries):
    ApplicationFactory(name="Pat Applicant")
    ApplicationFactory(name="Lee Declined", status=Application.Status.DECLINED)
    client.force_login(plain_officer)

    with django_assert_max_num_queries(30):
        page = client.get("/admin/applications/").content.decode()

    assert "Pat Applicant" in page
    assert "Waiting for a decision" in page
    assert "Not approved this time" in page


def test_the_inspect_view_shows_the_answers_escaped(client, reviewer):
    application = ApplicationFactory(name=XSS[:100], support_needs=XSS, heard_about=XSS)
    client.force_login(reviewer)

    response = client.get(f"/admin/applications/inspect/{application.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)" not in page
    assert "<img src=x onerror" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "I look after someone (an unpaid carer)" in page
    assert "Approve and send an invitation" in page


def test_nobody_adds_or_edits_an_application_in_the_admin_not_even_a_superuser(client):
    superuser = make_officer(is_superuser=True, is_staff=True)
    application = ApplicationFactory(support_needs="Large print")
    client.force_login(superuser)

    assert client.get("/admin/applications/new/").status_code != 200
    client.post("/admin/applications/new/", {"decline_reason": "x"})
    client.post(f"/admin/applications/edit/{application.pk}/", {"decline_reason": "x"})

    assert Application.objects.count() == 1
    application.refresh_from_db()
    assert application.decline_reason == ""


def test_approving_sends_one_invitation_however_often_it_is_clicked(
    client, reviewer, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(name="Pat Applicant", email="pat@example.org")
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve_url(application))
        client.post(approve_url(application))
        client.post(decline_url(application), {"reason": "Changed my mind"})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert application.reviewed_by == reviewer
    assert application.decline_reason == ""
    invitation = Invitation.objects.get()
    assert invitation.application == application
    assert invitation.email == "pat@example.org"
    [email] = mail.outbox
    assert email.to == ["pat@example.org"]
    assert "/join/invitation/" in email.body
    [entry] = ModelLogEntry.objects.filter(action="boardhub.application_approved")
    assert entry.label == f"Application {application.pk}"
    assert entry.user == reviewer
    assert "Pat" not in str(entry.data)
    assert "pat@example.org" not in str(entry.data)


def test_making_an_account_from_an_approved_application_starts_the_profile(
    client, reviewer, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(
        email="pat@example.org", contact_method="phone", phone="01234 567890"
    )
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approve_url(application))
    link = mail.outbox[0].body.split("http://testserver")[1].split()[0]

    person = SignedInClient()
    person.get(link)
    password = "a long phrase I will remember"
    person.post(
        "/accounts/signup/",
        {"display_name": "Pat", "password1": password, "password2": password},
    )

    profile = Invitation.objects.get().accepted_by.profile
    assert profile.contact_method == "phone"
    assert profile.phone == "01234 567890"
    assert profile.lived_experience == ["unpaid_carer"]


def test_declining_asks_for_a_reason_and_tells_the_applicant(
    client, reviewer, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(name="Pat Applicant", email="pat@example.org")
    client.force_login(reviewer)

    page = client.get(decline_url(application)).content.decode()
    assert "Why are we not approving this application?" in page
    page = client.post(decline_url(application), {"reason": ""}).content.decode()
    assert "Write the reason, so that we can tell the applicant" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decline_url(application), {"reason": "We are full until April <b>."})
        client.post(decline_url(application), {"reason": "Second time"})
        client.post(approve_url(application))

    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert application.decline_reason == "We are full until April <b>."
    assert not Invitation.objects.exists()
    [email] = mail.outbox
    assert email.to == ["pat@example.org"]
    assert "We are full until April <b>." in email.body
    assert "We are full until April &lt;b&gt;." in email.alternatives[0][0]
    [entry] = ModelLogEntry.objects.filter(action="boardhub.application_declined")
    assert entry.label == f"Application {application.pk}"
    assert "Pat" not in str(entry.data)
    assert "April" not in str(entry.data)


def test_approve_and_decline_are_post_only(client, reviewer):
    application = ApplicationFactory()
    client.force_login(reviewer)

    assert client.get(approve_url(application)).status_code == 405
    application.refresh_from_db()
    assert application.status == Application.Status.NEW


@pytest.mark.parametrize("url", [approve_url, decline_url])
def test_approve_and_decline_refuse_a_post_without_a_csrf_token(reviewer, url):
    application = ApplicationFactory()
    client = SignedInClient(enforce_csrf_checks=True)
    client.force_login(reviewer)

    response = client.post(url(application), {"reason": "No"})

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == Application.Status.NEW
    assert not Invitation.objects.exists()


def test_approve_works_with_the_csrf_token_from_the_page(reviewer):
    application = ApplicationFactory()
    client = SignedInClient(enforce_csrf_checks=True)
    client.force_login(reviewer)
    client.get(f"/admin/applications/inspect/{application.pk}/")

    client.post(
        approve_url(application), {"csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    )

    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED


@pytest.mark.parametrize("who", ["member", "plain officer"])
@pytest.mark.parametrize("url", [approve_url, decline_url])
def test_only_officers_allowed_to_review_can_approve_or_decline(client, who, url, plain_officer):
    user = UserFactory(verified=True) if who == "member" else plain_officer
    application = ApplicationFactory()
    client.force_login(user)

    response = client.post(url(application), {"reason": "No"})

    # A member is told the area is for officers; an officer is refused, and Wagtail sends
    # them to the admin's home page with "Sorry, you do not have permission".
    if who == "member":
        assert response.status_code == 403
    else:
        assert response.status_code == 302
        assert response["Location"].split("?")[0] == "/admin/"
    application.refresh_from_db()
    assert application.status == Application.Status.NEW
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_an_officer_without_the_permission_sees_no_approve_button(client, plain_officer):
    application = ApplicationFactory()
    client.force_login(plain_officer)

    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()

    assert "Approve and send an invitation" not in page


def test_an_officer_without_two_factor_is_sent_to_set_it_up(client):
    officer = UserFactory(verified=True, is_staff=True)
    client.force_login(officer)

    response = client.get("/admin/applications/")

    assert response.status_code == 302
    assert "two-factor" in response["Location"] or "totp" in response["Location"]


@pytest.mark.parametrize(("group", "may_review"), [("Moderators", True), ("Editors", False)])
def test_moderators_decide_on_applications_and_editors_do_not(client, group, may_review):
    officer = UserFactory(verified=True)
    officer.groups.add(Group.objects.get(name=group))
    activate_totp(officer)
    application = ApplicationFactory()
    client.force_login(officer)

    client.post(approve_url(application))

    application.refresh_from_db()
    assert (application.status == Application.Status.APPROVED) is may_review
    assert Invitation.objects.filter(application=application).exists() is may_review
