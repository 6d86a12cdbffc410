"""Officers see who is coming and the support they need (only meeting organisers, each
opening audited), tick it arranged and download it for the venue; members are reminded a
week and a day before, once each, their own way."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from boardhub.demo.factories import UserFactory
from boardhub.meetings import reminders
from boardhub.meetings.models import RSVP, SupportRequest
from boardhub.members.models import MemberProfile
from boardhub.notifications.models import Notification
from tests.feedback.conftest import officer_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return officer_in("Meeting organisers")


@pytest.fixture
def coming(meeting):
    member = UserFactory(first_name="Sam", last_name="Jones", email="sam@example.org")
    MemberProfile.objects.create(user=member, formats=["easy_read"])
    rsvp = RSVP.objects.create(meeting=meeting, member=member, answer="in_person")
    SupportRequest.objects.create(rsvp=rsvp, need="bsl_interpreter")
    SupportRequest.objects.create(rsvp=rsvp, need="other", detail="=cmd|' /C calc'!A0")
    return rsvp


def test_organisers_see_who_is_coming_and_the_opening_is_audited(
    client, organiser, meeting, coming
):
    client.force_login(organiser)

    page = client.get(f"/admin/who-is-coming/{meeting.pk}/").content.decode()

    assert "Sam Jones" in page and "British Sign Language" in page
    assert "2 support requests not yet arranged." in page
    assert PageLogEntry.objects.filter(action="boardhub.meetings.support_viewed").count() == 1


@pytest.mark.parametrize("groups", [("Feedback handlers",), ("Editors",), ("Moderators",)])
def test_other_officers_cannot_see_support_needs(client, meeting, coming, groups):
    client.force_login(officer_in(*groups))

    for address in (
        f"/admin/who-is-coming/{meeting.pk}/",
        f"/admin/who-is-coming/{meeting.pk}/download/",
    ):
        refused = client.get(address)
        # Wagtail's refusal: back to the dashboard, "Sorry, you do not have permission".
        assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert not PageLogEntry.objects.filter(action="boardhub.meetings.support_viewed").exists()


def test_ticking_support_as_arranged(client, organiser, meeting, coming):
    client.force_login(organiser)
    bsl, other = coming.support_requests.order_by("need")
    client.post(
        f"/admin/who-is-coming/{meeting.pk}/arrange/",
        {"shown": [bsl.pk, other.pk], "arranged": [bsl.pk]},
    )

    bsl.refresh_from_db()
    other.refresh_from_db()
    assert bsl.arranged and bsl.arranged_by == organiser and not other.arranged
    page = client.get(f"/admin/who-is-coming/{meeting.pk}/").content.decode()
    assert "1 support request not yet arranged." in page


def test_the_download_for_the_venue_is_formula_safe(client, organiser, meeting, coming):
    client.force_login(organiser)

    response = client.get(f"/admin/who-is-coming/{meeting.pk}/download/")

    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=False))
    cells = [cell for row in rows for cell in row if cell.value == "=cmd|' /C calc'!A0"]
    assert cells and cells[0].data_type == "s" and cells[0].quotePrefix
    assert PageLogEntry.objects.filter(action="boardhub.meetings.support_exported").exists()


def test_reminders_go_a_week_and_a_day_before_once_each(
    meeting, coming, django_capture_on_commit_callbacks
):
    a_week_before = meeting.starts_at - timedelta(days=7) + timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=False):
        assert reminders.send_reminders(now=a_week_before) == 1
        assert reminders.send_reminders(now=a_week_before) == 0
        assert reminders.send_reminders(now=meeting.starts_at - timedelta(hours=20)) == 1
        assert reminders.send_reminders(now=meeting.starts_at + timedelta(minutes=1)) == 0

    week, day = Notification.objects.order_by("pk")
    assert week.subject == "Board meeting next week" and day.subject == "Board meeting tomorrow"
    assert week.variant == "easy_read"  # their profile asks for easy read
    assert "There is a step-free way in." in week.body
    assert "British Sign Language" in week.body


def test_nobody_not_coming_is_reminded(meeting, coming):
    coming.answer = "not_coming"
    coming.save()

    assert reminders.send_reminders(now=meeting.starts_at - timedelta(days=2)) == 0


def test_the_meeting_organisers_group_exists_with_only_its_permissions():
    group = Group.objects.get(name="Meeting organisers")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "arrange_meeting_support" in codenames
    assert not any("feedback" in name for name in codenames)


def test_each_partners_contact_hears_of_its_overdue_actions(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    from boardhub.demo.factories import ActionFactory, PartnerFactory
    from boardhub.meetings.overdue_emails import email_overdue_actions

    late = PartnerFactory(name="Larkfield NHS Trust", council_contact_email="nhs@example.org")
    on_time = PartnerFactory(name="Carewell", council_contact_email="carewell@example.org")
    overdue = ActionFactory(meeting=meeting, owner=late, promise="Text people the day before.")
    ActionFactory(meeting=meeting, owner=on_time, due_on=overdue.due_on + timedelta(days=30))
    ActionFactory(meeting=meeting, owner=late, status="dropped", dropped_reason="Not needed.")

    with django_capture_on_commit_callbacks(execute=True):
        emailed = email_overdue_actions(today=overdue.due_on + timedelta(days=3))

    assert emailed == 1
    [email] = mailoutbox
    assert email.to == ["nhs@example.org"]
    assert "Text people the day before." in email.body and "3 days overdue" in email.body
