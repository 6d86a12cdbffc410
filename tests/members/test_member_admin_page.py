"""Officers in the feedback groups see a member's communication needs, never their equality
answers: on a page in the admin, and from each of the member's responses."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    FeedbackFactory,
    UserFactory,
    activate_totp,
)
from boardhub.members.models import EqualityMonitoring, MemberProfile
from home.models import HomePage

pytestmark = pytest.mark.django_db

XSS = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'


def officer_in(*group_names, **kwargs):
    officer = UserFactory(verified=True, **kwargs)
    officer.groups.set(Group.objects.filter(name__in=group_names))
    assert officer.groups.count() == len(group_names)
    activate_totp(officer)
    return officer


@pytest.fixture
def member():
    sam = UserFactory(email="sam@example.org", first_name="Sam", last_name="Carer")
    MemberProfile.objects.create(
        user=sam,
        contact_method="post",
        postal_address="1 High Street\nLarkfield\nLA1 1AA",
        formats=["large_print", "bsl"],
        other_language="Polish",
        communication_needs=f"Short meetings, please. {XSS}",
        supporter_name="Jo Advocate",
        supporter_contact="jo@larkfield-advocacy.example",
        lived_experience=["mental_health"],
    )
    EqualityMonitoring.objects.create(
        user=sam,
        consented_at=datetime(2026, 1, 1, tzinfo=UTC),
        age_band="65_74",
        sex="female",
        ethnic_group="white_roma",
        disability="yes_a_lot",
        unpaid_carer="50_plus",
    )
    return sam


def url(user):
    return f"/admin/board-members/{user.pk}/"


@pytest.mark.parametrize("group", ["Feedback handlers", "Safeguarding"])
def test_the_feedback_groups_see_communication_needs_and_never_equality_answers(
    client, member, group, django_assert_max_num_queries
):
    officer = officer_in(group)
    client.force_login(officer)

    with django_assert_max_num_queries(25):
        response = client.get(url(member))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    for shown in (
        "Post",
        "Large print, British Sign Language",
        "Polish",
        "Short meetings, please.",
        "Jo Advocate, jo@larkfield-advocacy.example",
        "By letter to 1 High Street, Larkfield, LA1 1AA, in large print",
    ):
        assert shown in page, shown
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Never the equality monitoring answers, nor what they bring (their lived experience).
    for hidden in ("65 to 74", "Roma", "limited a lot", "50 or more hours", "Female"):
        assert hidden not in page, hidden
    assert "Mental health" not in page
    # Opening someone's needs is written to the audit log.
    [entry] = ModelLogEntry.objects.filter(action="boardhub.feedback.member_needs_viewed")
    assert entry.user == officer
    assert entry.object_id == str(member.pk)


def test_a_member_with_no_profile_has_a_page_that_says_so(client):
    someone = UserFactory()
    client.force_login(officer_in("Feedback handlers"))
    page = client.get(url(someone)).content.decode()
    assert "They have not told us about any" in page


def test_a_superuser_sees_the_page(admin_client, member):
    assert admin_client.get(url(member)).status_code == 200


@pytest.mark.parametrize(
    "groups", [("Editors",), ("Moderators",), ("Accessible formats team",), ()]
)
def test_other_officers_are_refused(client, member, groups):
    client.force_login(officer_in(*groups))
    response = client.get(url(member))
    assert response.status_code in (302, 403)
    assert "Short meetings" not in response.content.decode()
    assert not ModelLogEntry.objects.filter(action="boardhub.feedback.member_needs_viewed").exists()


def test_a_member_is_refused(client, member):
    client.force_login(UserFactory())
    assert client.get(url(member)).status_code == 403


def test_each_of_their_responses_links_to_the_page(client, member):
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get())
    consultation = ConsultationPageFactory(parent=index)
    feedback = FeedbackFactory(page=consultation, member=member)
    anonymous = FeedbackFactory(page=consultation)
    client.force_login(officer_in("Feedback handlers"))

    page = client.get(f"/admin/feedback/inspect/{feedback.pk}/").content.decode()

    assert "About the person" in page
    assert "Formats that work for them: Large print, British Sign Language" in page
    assert f'href="{url(member)}"' in page
    assert "65 to 74" not in page
    other = client.get(f"/admin/feedback/inspect/{anonymous.pk}/").content.decode()
    assert "About the person" not in other
