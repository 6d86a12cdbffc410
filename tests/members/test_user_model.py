"""Accounts use an email address as the login, with a display name."""

import pytest
from django.contrib.auth import authenticate
from django.db import IntegrityError

from boardhub.members.models import User

pytestmark = pytest.mark.django_db


def test_people_sign_in_with_their_email_address():
    User.objects.create_user("Sam.Jones@Example.org", "a-long-enough-password")

    assert authenticate(email="sam.jones@example.org", password="a-long-enough-password")
    assert User.USERNAME_FIELD == "email"
    assert not hasattr(User(), "username") or User.username is None


def test_an_email_address_can_belong_to_one_account_only_whatever_its_case():
    User.objects.create_user("sam@example.org", "a-long-enough-password")

    with pytest.raises(IntegrityError):
        User.objects.create(email="SAM@example.org")


def test_the_display_name_is_how_the_site_addresses_someone():
    user = User.objects.create_user(
        "sam@example.org", "a-long-enough-password", display_name="Sam", first_name="Samira"
    )

    assert str(user) == "Sam"
    assert user.get_short_name() == "Sam"


def test_without_a_display_name_the_first_name_or_email_is_used():
    assert str(User(email="jo@example.org", first_name="Jo")) == "Jo"
    assert str(User(email="jo@example.org")) == "jo@example.org"


def test_superusers_are_staff():
    admin = User.objects.create_superuser("admin@example.org", "a-long-enough-password")

    assert admin.is_staff
    assert admin.is_superuser


def test_an_account_needs_an_email_address():
    with pytest.raises(ValueError, match="email address"):
        User.objects.create_user("", "a-long-enough-password")
