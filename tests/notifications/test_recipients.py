"""How a member is reached, from their profile."""

import pytest

from boardhub.demo.factories import UserFactory
from boardhub.members.models import MemberProfile
from boardhub.notifications.choices import ReplyBy
from boardhub.notifications.recipients import Recipient, address_lines_from, how_to_contact

pytestmark = pytest.mark.django_db


def recipient(contact_method, **profile):
    user = UserFactory(email="sam@example.org", display_name="Sam")
    MemberProfile.objects.create(user=user, contact_method=contact_method, **profile)
    return Recipient.for_member(user)


@pytest.mark.parametrize(
    "contact_method, profile, reply_by, reach",
    [
        ("email", {}, ReplyBy.EMAIL, "By email to sam@example.org"),
        ("text", {"phone": "07700900123"}, ReplyBy.TEXT, "By text message to 07700 900123"),
        ("text", {}, ReplyBy.EMAIL, "By email to sam@example.org"),
        ("phone", {"phone": "01632 960001"}, ReplyBy.PHONE, "By phone call to 01632 960001"),
        ("phone", {"phone": "07700 900123"}, ReplyBy.TEXT, "By text message to 07700 900123"),
        (
            "post",
            {"postal_address": "1 High Street\nLancaster LA1 1AA", "formats": ["large_print"]},
            ReplyBy.POST,
            "By letter to 1 High Street, Lancaster, LA1 1AA, in large print",
        ),
        ("post", {}, ReplyBy.EMAIL, "By email to sam@example.org"),
        (
            "supporter",
            {"supporter_name": "Jo", "supporter_contact": "", "formats": ["easy_read"]},
            ReplyBy.SUPPORTER,
            "Through their supporter, Jo. Do not contact them directly, in easy read",
        ),
    ],
)
def test_each_contact_method(contact_method, profile, reply_by, reach):
    found = recipient(contact_method, **profile)
    assert found.reply_by == reply_by
    assert found.how_to_contact() == reach
    assert found.name == "Sam"


def test_a_member_without_a_profile_is_emailed_and_an_inactive_one_is_not_reached():
    user = UserFactory(email="kim@example.org")
    assert Recipient.for_member(user).reply_by == ReplyBy.EMAIL
    user.is_active = False
    assert Recipient.for_member(user) is None
    assert how_to_contact(None) == "We have no way to reach this person"


def test_supporter_only_members_carry_none_of_their_own_contact_details():
    found = recipient(
        "supporter",
        phone="07700900123",
        postal_address="1 High St\nLA1 1AA",
        supporter_contact="jo@example.org",
    )
    assert (found.email, found.phone, found.address_lines) == ("", "", ())


@pytest.mark.parametrize(
    "typed, lines",
    [
        ("1 High Street\nLancaster\nla1 1aa", ("1 High Street", "Lancaster", "LA1 1AA")),
        ("1 High Street, Lancaster, LA11AA", ("1 High Street", "Lancaster", "LA1 1AA")),
        (
            "Flat 2\n\n 3 Mill Lane \nLancaster LA1 1AA",
            ("Flat 2", "3 Mill Lane", "Lancaster", "LA1 1AA"),
        ),
    ],
)
def test_addresses_become_lines_with_the_postcode_last(typed, lines):
    assert address_lines_from(typed) == lines
