"""The /account/ area: a member's dashboard, profile and equality monitoring answers."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, get_resolver

from boardhub.demo.factories import UserFactory
from boardhub.members.models import EqualityMonitoring, MemberProfile

pytestmark = pytest.mark.django_db

PROFILE = "/account/profile/"
EQUALITY = "/account/equality-monitoring/"
WITHDRAW = "/account/equality-monitoring/withdraw/"


@pytest.fixture
def member(client):
    user = UserFactory(verified=True, display_name="Joan")
    client.force_login(user)
    return user


def profile_data(**overrides):
    data = {
        "display_name": "Joan E",
        "pronouns": "she/her",
        "contact_method": "email",
        "phone": "",
        "postal_address": "",
        "supporter_name": "",
        "supporter_contact": "",
        "formats": ["easy_read", "large_print"],
        "other_language": "",
        "communication_needs": "Papers a week before, please.",
        "lived_experience": ["unpaid_carer"],
        "notifications": ["notify_meetings"],
    }
    data.update(overrides)
    return data


EQUALITY_ANSWERS = {
    "age_band": "55_64",
    "sex": "prefer_not_to_say",
    "ethnic_group": "white_british",
    "disability": "yes_a_little",
    "unpaid_carer": "up_to_19",
    "consent": "on",
}


@pytest.mark.parametrize("url", ["/account/", PROFILE, EQUALITY, WITHDRAW])
def test_the_account_area_needs_a_signed_in_person(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_the_dashboard_links_to_every_part_of_the_account(client, member):
    html = client.get("/account/").content.decode()

    assert '<h1 class="heading-xl">Your account</h1>' in html
    for url, text in [
        (PROFILE, "Your profile"),
        (EQUALITY, "Equality monitoring"),
        ("/accounts/email/", "Email addresses"),
        ("/accounts/password/change/", "Change your password"),
        ("/accounts/2fa/", "Two-factor authentication"),
        ("/accounts/logout/", "Sign out"),
    ]:
        assert f'href="{url}">{text}</a>' in html


def test_the_dashboard_lists_every_page_in_order_with_those_other_apps_own(client, member):
    """ "Your feedback" and "What your feedback changed" are registered by the feedback and
    impact apps (boardhub.members.account_area): they keep their place after the profile."""
    html = client.get("/account/").content.decode()

    assert re.findall(r'<h2 class="heading-m"><a href="([^"]+)">([^<]+)</a></h2>', html) == [
        (PROFILE, "Your profile"),
        ("/account/feedback/", "Your feedback"),
        ("/account/what-my-feedback-changed/", "What your feedback changed"),
        (EQUALITY, "Equality monitoring"),
        ("/accounts/email/", "Email addresses"),
        ("/accounts/password/change/", "Change your password"),
        ("/accounts/2fa/", "Two-factor authentication"),
        ("/accounts/2fa/webauthn/add/", "Add a security key or passkey"),
        ("/account/your-data/summary/", "See and download your data"),
        ("/account/your-data/delete/", "Delete your account"),
    ]


def test_no_account_address_takes_a_user_id():
    resolver = get_resolver()
    members = resolver.namespace_dict["members"][1]

    for pattern in members.url_patterns:
        assert isinstance(pattern, URLPattern)
        # A response's reference is looked up among the signed-in member's own responses only.
        assert set(pattern.pattern.converters) <= {"reference"}, pattern


# The profile


def test_a_first_visit_makes_an_empty_profile(client, member):
    response = client.get(PROFILE)

    assert response.status_code == 200
    assert MemberProfile.objects.filter(user=member).count() == 1
    html = response.content.decode()
    assert '<h1 class="heading-xl">Your profile</h1>' in html
    assert 'value="Joan"' in html
    assert "Only if you chose phone." in html
    assert "<legend" in html and "How should we contact you?" in html


def test_saving_the_profile(client, member):
    response = client.post(PROFILE, profile_data())

    assert response.status_code == 302
    assert response.url == "/account/"
    member.refresh_from_db()
    profile = member.profile
    assert member.display_name == "Joan E"
    assert profile.pronouns == "she/her"
    assert profile.formats == ["easy_read", "large_print"]
    assert profile.lived_experience == ["unpaid_carer"]
    assert profile.communication_needs == "Papers a week before, please."
    assert (profile.notify_meetings, profile.notify_new_consultations) == (True, False)
    assert "We have saved your profile." in client.get("/account/").content.decode()


def test_extra_fields_in_the_post_change_nothing(client, member):
    other = UserFactory()
    editors = Group.objects.get(name="Editors")

    client.post(
        PROFILE,
        profile_data(
            is_staff="on",
            is_superuser="on",
            groups=[editors.pk],
            email_verified="on",
            user=other.pk,
            email="taken-over@example.org",
        ),
    )

    member.refresh_from_db()
    assert not member.is_staff and not member.is_superuser
    assert not member.groups.exists()
    assert member.email != "taken-over@example.org"
    assert MemberProfile.objects.get(user=member).pronouns == "she/her"
    assert not MemberProfile.objects.filter(user=other).exists()


@pytest.mark.parametrize(
    ("method", "missing", "message"),
    [
        ("phone", {}, "Enter your phone number, or choose another way"),
        ("post", {}, "Enter your address, or choose another way"),
        ("supporter", {}, "Enter the name of the person who supports you"),
    ],
)
def test_the_follow_up_question_is_needed_for_the_contact_method_chosen(
    client, member, method, missing, message
):
    response = client.post(PROFILE, profile_data(contact_method=method, **missing))

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert "<title>Error: Your profile" in html


def test_another_language_needs_the_language(client, member):
    response = client.post(PROFILE, profile_data(formats=["other_language"]))

    assert "Enter the language you would like us to use" in response.content.decode()


def test_free_text_is_stored_as_typed_and_shown_escaped(client, member):
    attack = '<script>alert(1)</script>"><img src=x onerror=alert(2)> javascript:alert(3)'

    client.post(PROFILE, profile_data(communication_needs=attack, pronouns='"><b>x</b>'))

    profile = MemberProfile.objects.get(user=member)
    assert profile.communication_needs == attack
    html = client.get(PROFILE).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>x</b>" not in html


def test_a_member_only_ever_sees_their_own_profile(client, member):
    other = UserFactory(verified=True, display_name="Somebody Else")
    MemberProfile.objects.create(user=other, pronouns="they/them-secret", phone="07700 900123")

    html = client.get(PROFILE).content.decode()
    for url in (f"{PROFILE}?user={other.pk}", f"{PROFILE}{other.pk}/", f"/account/{other.pk}/"):
        response = client.get(url)
        assert response.status_code == (200 if "?" in url else 404), url
        html += response.content.decode()

    assert "Somebody Else" not in html
    assert "they/them-secret" not in html
    assert "07700 900123" not in html


def test_the_profile_form_refuses_a_post_without_a_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    response = client.post(PROFILE, profile_data(pronouns="changed"))

    assert response.status_code == 403
    assert not MemberProfile.objects.filter(user=member, pronouns="changed").exists()


# Equality monitoring


def test_the_equality_page_explains_why_we_ask_and_who_sees_it(client, member):
    html = client.get(EQUALITY).content.decode()

    assert "These questions are optional." in html
    assert "Why we ask" in html
    assert "Officers only see totals" in html
    assert "we hide it" in html
    assert "delete them, at any time" in html


def test_every_equality_question_is_radios_with_prefer_not_to_say(client, member):
    response = client.get(EQUALITY)
    form = response.context["form"]

    for name in ("age_band", "sex", "ethnic_group", "disability", "unpaid_carer"):
        field = form.fields[name]
        assert field.widget.input_type == "radio"
        assert ("prefer_not_to_say", "Prefer not to say") in list(field.choices)
        assert all(value != "" for value, __ in field.choices)
    assert len(form.fields["ethnic_group"].choices) == 20  # 19 census groups, and prefer not


def test_answers_are_not_kept_without_consent(client, member):
    answers = {**EQUALITY_ANSWERS}
    del answers["consent"]

    response = client.post(EQUALITY, answers)

    assert response.status_code == 200
    assert "Tick the box to say you agree" in response.content.decode()
    assert not EqualityMonitoring.objects.filter(user=member).exists()


def test_answers_are_kept_with_the_time_of_consent(client, member):
    response = client.post(EQUALITY, EQUALITY_ANSWERS)

    assert response.status_code == 302
    answers = EqualityMonitoring.objects.get(user=member)
    assert answers.consented_at is not None
    assert (answers.age_band, answers.sex) == ("55_64", "prefer_not_to_say")


def test_an_unanswered_question_says_prefer_not_to_say_is_an_option(client, member):
    response = client.post(EQUALITY, {**EQUALITY_ANSWERS, "age_band": ""})

    assert "Choose your age group, or Prefer not to say" in response.content.decode()


def test_withdrawing_asks_first_then_deletes_the_answers(client, member):
    client.post(EQUALITY, EQUALITY_ANSWERS)
    assert 'href="/account/equality-monitoring/withdraw/"' in client.get(EQUALITY).content.decode()

    page = client.get(WITHDRAW)
    assert "This cannot be undone." in page.content.decode()
    assert EqualityMonitoring.objects.filter(user=member).exists()

    response = client.post(WITHDRAW)

    assert response.status_code == 302
    assert not EqualityMonitoring.objects.filter(user=member).exists()
    assert (
        "We have deleted your equality monitoring answers."
        in client.get("/account/").content.decode()
    )


def test_withdrawing_only_ever_deletes_your_own_answers(client, member):
    other = UserFactory()
    client.post(EQUALITY, EQUALITY_ANSWERS)
    Client().force_login(other)
    EqualityMonitoring.objects.create(
        user=other,
        consented_at="2026-01-01T00:00Z",
        **{key: value for key, value in EQUALITY_ANSWERS.items() if key != "consent"},
    )

    client.post(WITHDRAW, {"user": other.pk})

    assert EqualityMonitoring.objects.filter(user=other).exists()
    assert not EqualityMonitoring.objects.filter(user=member).exists()
