"""Requests for another format reach someone: the form starts with a member's own formats and
contact; each request emails the consultation's contact (after commit, without the person's
details), waits in the Accessible formats team's listing and on their dashboard, and an
officer marks it sent or could not do (with a reason, audit-logged), and the person is told."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from boardhub.consultations.format_requests import HANDLED, recipient_for
from boardhub.consultations.models import FormatRequest
from boardhub.demo.factories import ConsultationPageFactory, UserFactory, activate_totp
from boardhub.members.models import MemberProfile
from boardhub.notifications.models import Notification
from tests.consultations.conftest import XSS

pytestmark = pytest.mark.django_db

FORMATS_TEAM = "Accessible formats team"


def officer_in(*group_names):
    officer = UserFactory(verified=True)
    officer.groups.set(Group.objects.filter(name__in=group_names))
    assert officer.groups.count() == len(group_names)
    activate_totp(officer)
    return officer


@pytest.fixture
def formats_officer(client):
    officer = officer_in(FORMATS_TEAM)
    client.force_login(officer)
    return officer


@pytest.fixture
def consultation(index):
    return ConsultationPageFactory(
        parent=index,
        title="Getting to your GP",
        contact_name="Alex Officer",
        contact_email="alex.officer@example.org",
    )


def ask(client, consultation, format="large_print", contact="sam@example.org"):
    return client.post(
        f"{consultation.url}another-format/",
        {"format-format": format, "format-contact_details": contact},
    )


def handle_url(format_request):
    return f"/admin/format-requests/handle/{format_request.pk}/"


# The form


def test_a_members_request_starts_with_their_formats_and_contact(client, consultation):
    sam = UserFactory(email="sam@example.org", first_name="Sam", last_name="Carer")
    MemberProfile.objects.create(
        user=sam,
        formats=["large_print", "audio"],
        contact_method="post",
        postal_address="1 High Street\nLarkfield\nLA1 1AA",
    )
    client.force_login(sam)

    response = client.get(consultation.url)
    content = response.content.decode()

    assert 'value="large_print" required id="id_format-format_1" checked>' in content
    assert 'value="audio" required id="id_format-format_3">' in content  # only the first
    assert "Sam Carer\n1 High Street\nLarkfield\nLA1 1AA</textarea>" in content
    # Their address is on this page: nobody keeps a copy.
    assert "no-store" in response["Cache-Control"]


def test_a_visitors_request_starts_blank(client, consultation):
    content = client.get(consultation.url).content.decode()
    after = content.split('name="format-contact_details"')[1].split("</textarea>")[0]
    assert after.rstrip().endswith(">")
    assert "checked" not in content.split('id="another-format"')[1].split("</form>")[0]


# Asking


def test_the_consultations_contact_is_emailed_after_commit_without_the_persons_details(
    client, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = ask(client, consultation, contact="Sam, 07700 900123, 1 High Street")
        assert mailoutbox == []
    assert response.status_code == 200
    for callback in callbacks:
        callback()

    format_request = FormatRequest.objects.get()
    [email] = mailoutbox
    assert email.to == ["alex.officer@example.org"]
    assert "Getting to your GP" in email.subject
    assert "large print" in email.body
    assert f"/admin/format-requests/handle/{format_request.pk}/" in email.body
    # What the person typed stays in the admin, behind the permission.
    for message in (email.body, email.alternatives[0][0], email.subject):
        assert "07700" not in message
        assert "High Street" not in message


def test_asking_twice_by_a_double_click_stores_one_request_and_emails_once(
    client, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = ask(client, consultation)
        second = ask(client, consultation)
    assert first.status_code == second.status_code == 200
    assert FormatRequest.objects.count() == 1
    assert len(mailoutbox) == 1
    # A different format is a new request.
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, consultation, format="audio")
    assert FormatRequest.objects.count() == 2


# The listing, and who sees it


def test_the_accessible_formats_team_sees_the_requests(
    client, consultation, formats_officer, django_assert_max_num_queries
):
    for number in range(20):
        FormatRequest.objects.create(
            consultation=consultation, format="audio", contact_details=f"Person {number}"
        )
    FormatRequest.objects.create(
        consultation=consultation, format="large_print", contact_details=XSS
    )

    with django_assert_max_num_queries(40):
        listing = client.get("/admin/format-requests/")
    assert listing.status_code == 200
    content = listing.content.decode()
    assert "Getting to your GP" in content
    assert "Asked" in content

    xss_request = FormatRequest.objects.get(format="large_print")
    page_of_it = client.get(handle_url(xss_request)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page_of_it
    assert "<script>alert(1)" not in page_of_it


@pytest.mark.parametrize("groups", [("Feedback handlers",), ("Editors",), ("Safeguarding",)])
def test_other_officers_are_refused(client, consultation, groups):
    format_request = FormatRequest.objects.create(
        consultation=consultation, format="audio", contact_details="Phone me"
    )
    client.force_login(officer_in(*groups))

    # Wagtail's admin sends an officer without the permission back to the dashboard.
    for url in ("/admin/format-requests/", handle_url(format_request)):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
    response = client.post(handle_url(format_request), {"status": "sent"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    format_request.refresh_from_db()
    assert format_request.status == "asked"


def test_a_member_is_refused(client, consultation):
    format_request = FormatRequest.objects.create(
        consultation=consultation, format="audio", contact_details="Phone me"
    )
    client.force_login(UserFactory())
    assert client.get(handle_url(format_request)).status_code == 403


def test_the_dashboard_counts_the_requests_waiting(client, consultation, formats_officer):
    FormatRequest.objects.create(consultation=consultation, format="audio", contact_details="a")
    FormatRequest.objects.create(consultation=consultation, format="bsl", contact_details="b")
    FormatRequest.objects.create(
        consultation=consultation, format="bsl", contact_details="c", status="sent"
    )

    content = client.get("/admin/").content.decode()

    assert "2 requests for another format waiting" in content
    assert "/admin/format-requests/?status=asked" in content


def test_the_dashboard_says_nothing_about_them_to_other_officers(client, consultation):
    FormatRequest.objects.create(consultation=consultation, format="audio", contact_details="a")
    client.force_login(officer_in("Feedback handlers"))
    assert "another format" not in client.get("/admin/").content.decode()


# Handling, and telling the person


def test_could_not_do_needs_a_reason_and_keeps_what_was_typed(
    client, consultation, formats_officer
):
    format_request = FormatRequest.objects.create(
        consultation=consultation, format="bsl", contact_details="sam@example.org"
    )

    response = client.post(handle_url(format_request), {"status": "could_not_do", "reason": " "})

    assert response.status_code == 200
    assert "Say why it could not be done" in response.content.decode()
    format_request.refresh_from_db()
    assert format_request.status == "asked"
    assert not Notification.objects.about(format_request).exists()


def test_could_not_do_with_a_reason_tells_the_member_and_is_logged(
    client, consultation, formats_officer, mailoutbox, django_capture_on_commit_callbacks
):
    sam = UserFactory(email="sam@example.org")
    MemberProfile.objects.create(user=sam)
    format_request = FormatRequest.objects.create(
        consultation=consultation, format="bsl", contact_details="sam@example.org", member=sam
    )
    reason = "We could not book an interpreter in time. Call us to give your views."

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            handle_url(format_request), {"status": "could_not_do", "reason": reason}
        )
        # A second post (a double click) changes and sends nothing more.
        client.post(handle_url(format_request), {"status": "sent"})

    assert response.status_code == 302
    format_request.refresh_from_db()
    assert format_request.status == "could_not_do"
    assert format_request.reason == reason
    assert format_request.handled_by == formats_officer
    assert format_request.handled_at is not None
    [entry] = ModelLogEntry.objects.filter(action=HANDLED)
    assert entry.user == formats_officer
    assert entry.data == {"status": "could_not_do"}
    [notification] = Notification.objects.about(format_request)
    assert notification.message_key == "format_request_could_not_do"
    assert notification.recipient_user == sam
    [email] = mailoutbox
    assert email.to == ["sam@example.org"]
    assert "We could not book an interpreter in time" in email.body


def test_sent_tells_a_visitor_by_text_message_when_they_gave_a_mobile(
    client, consultation, formats_officer, notify_server, django_capture_on_commit_callbacks
):
    format_request = FormatRequest.objects.create(
        consultation=consultation, format="audio", contact_details="Sam Carer\nMobile: 07700 900123"
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(handle_url(format_request), {"status": "sent"})

    format_request.refresh_from_db()
    assert format_request.status == "sent"
    assert format_request.reason == ""
    [notification] = Notification.objects.about(format_request)
    assert notification.message_key == "format_request_sent"
    assert notification.channel == "text"
    [text] = notify_server.sent("sms")
    assert text["json"]["phone_number"].replace(" ", "")[-10:] == "7700900123"


def test_sent_tells_a_visitor_by_email_when_they_gave_an_address(
    client, consultation, formats_officer, mailoutbox, django_capture_on_commit_callbacks
):
    format_request = FormatRequest.objects.create(
        consultation=consultation, format="easy_read", contact_details="Email me at sam@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(handle_url(format_request), {"status": "sent"})
    [email] = mailoutbox
    assert email.to == ["sam@example.org"]
    [notification] = Notification.objects.about(format_request)
    assert notification.variant == "easy_read"  # they asked for easy read


def test_details_we_cannot_send_to_go_to_the_to_contact_list(
    client, consultation, formats_officer, mailoutbox, django_capture_on_commit_callbacks
):
    format_request = FormatRequest.objects.create(
        consultation=consultation, format="audio", contact_details="Ask for me at the library desk"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(handle_url(format_request), {"status": "sent"})

    assert mailoutbox == []
    [notification] = Notification.objects.about(format_request)
    assert notification.status == "by_hand"
    assert notification.address == "Ask for me at the library desk"
    assert Notification.objects.to_contact().filter(pk=notification.pk).exists()


def test_a_postal_address_gets_a_letter():
    format_request = FormatRequest(
        format="large_print", contact_details="Sam Carer\n1 High Street\nLarkfield\nla1 1aa"
    )
    recipient = recipient_for(format_request)
    assert recipient.reply_by == "post"
    assert recipient.address_lines[-1] == "LA1 1AA"
    assert recipient.large_print
