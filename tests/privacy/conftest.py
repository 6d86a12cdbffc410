import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.utils import timezone

from boardhub.demo.factories import TEST_PASSWORD, UserFactory
from boardhub.members.models import EqualityMonitoring, MemberProfile

# What a TOTP secret looks like: it must never leave the database.
TOTP_SECRET = "JBSWY3DPEHPK3PXPTOTPSECRET"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache, per account: start each test afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db):
    """A board member with a profile, equality answers and two-factor authentication."""
    person = UserFactory(
        verified=True,
        email="sam.jones@example.org",
        first_name="Samira",
        last_name="Jonesworth",
        display_name="Sam",
    )
    MemberProfile.objects.create(
        user=person,
        pronouns="she/her",
        phone="01632 960123",
        communication_needs="Please send papers a week before the meeting.",
        formats=["easy_read", "large_print"],
    )
    EqualityMonitoring.objects.create(
        user=person,
        consented_at=timezone.now(),
        age_band="45_54",
        sex="female",
        ethnic_group="white_british",
        disability="yes_a_little",
        unpaid_carer="20_to_49",
    )
    Authenticator.objects.create(
        user=person, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )
    Authenticator.objects.create(
        user=person,
        type=Authenticator.Type.RECOVERY_CODES,
        data={"seed": "recovery-seed-never-shown", "used_mask": 0},
    )
    return person


def reauthenticate(client, password=TEST_PASSWORD):
    """Enter the password again, as allauth asks before sensitive actions."""
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content.decode()
    return response


@pytest.fixture
def member_client(client, member):
    """A browser signed in as `member`, who has just entered their password again."""
    client.force_login(member)
    reauthenticate(client)
    return client
