"""Two-factor secrets are encrypted in the database with keys from the environment.

What a stolen database row, dump or backup shows of an officer's second factor: nothing usable.
"""

import importlib
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection

from boardhub.demo.factories import TEST_PASSWORD, UserFactory, activate_totp, current_totp_code
from boardhub.members import mfa_secrets
from tests.core.test_security import run_with_production_settings

pytestmark = pytest.mark.django_db

migration = importlib.import_module("boardhub.members.migrations.0004_encrypt_two_factor_secrets")
OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


@pytest.fixture
def officer():
    return UserFactory(verified=True, is_staff=True)


def stored_rows(user):
    """The authenticators' data as the database holds it, read past Django's models."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE user_id = %s", [user.pk])
        return " ".join(str(data) for (data,) in cursor.fetchall())


def recovery_seed(user):
    codes = RecoveryCodes.activate(user)
    return mfa_secrets.decrypt(codes.instance.data["seed"]), codes.generate_codes()


def sign_in_with_code(client, user, code):
    response = client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response.url == "/accounts/2fa/authenticate/"
    client.post("/accounts/2fa/authenticate/", {"code": code})
    return client.session.get("_auth_user_id") == str(user.pk)


def test_the_database_row_holds_neither_the_app_seed_nor_the_recovery_seed(officer):
    secret = activate_totp(officer)
    seed, codes = recovery_seed(officer)

    row = stored_rows(officer)

    assert secret not in row
    assert seed not in row
    assert not any(code in row for code in codes)
    assert row.count("gAAAAA") == 2  # two Fernet tokens: the app's seed and the codes' seed


def test_an_officer_still_signs_in_with_a_code_from_their_app(client, officer):
    secret = activate_totp(officer)

    assert sign_in_with_code(client, officer, current_totp_code(secret))


def test_an_officer_still_signs_in_with_a_recovery_code_and_it_is_then_used_up(client, officer):
    activate_totp(officer)
    _, codes = recovery_seed(officer)

    assert sign_in_with_code(client, officer, codes[3])
    client.logout()
    assert not sign_in_with_code(client, officer, codes[3])


def test_a_wrong_key_fails_loudly_rather_than_as_a_wrong_code(client, officer, settings):
    secret = activate_totp(officer)
    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY]
    client.post("/accounts/login/", {"login": officer.email, "password": TEST_PASSWORD})

    with pytest.raises(mfa_secrets.SecretUnreadable, match="Put back the key it was encrypted"):
        client.post("/accounts/2fa/authenticate/", {"code": current_totp_code(secret)})
    assert "_auth_user_id" not in client.session


def test_rotation_re_encrypts_with_the_new_key_so_the_old_one_can_go(client, officer, settings):
    settings.MFA_ENCRYPTION_KEYS = [OLD_KEY]
    secret = activate_totp(officer)
    seed, _ = recovery_seed(officer)
    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    output = StringIO()

    call_command("rotate_mfa_key", stdout=output)

    assert "Re-encrypted 2 two-factor authenticators with the newest key" in output.getvalue()
    totp = Authenticator.objects.get(user=officer, type=Authenticator.Type.TOTP)
    assert Fernet(NEW_KEY).decrypt(totp.data["secret"].encode()).decode() == secret
    with pytest.raises(InvalidToken):
        Fernet(OLD_KEY).decrypt(totp.data["secret"].encode())
    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY]
    assert recovery_seed(officer)[0] == seed
    assert sign_in_with_code(client, officer, current_totp_code(secret))


def test_rotation_without_the_old_key_stops_and_changes_nothing(officer, settings):
    settings.MFA_ENCRYPTION_KEYS = [OLD_KEY]
    activate_totp(officer)
    before = stored_rows(officer)
    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY]

    with pytest.raises(CommandError, match=r"cannot be opened with any key.*Nothing was changed"):
        call_command("rotate_mfa_key")

    assert stored_rows(officer) == before


def test_a_data_dump_does_not_contain_the_seed(officer):
    secret = activate_totp(officer)
    seed, _ = recovery_seed(officer)
    output = StringIO()

    call_command("dumpdata", "mfa", "members.user", stdout=output)

    dump = output.getvalue()
    assert officer.email in dump  # the dump holds the officer's rows, so the check means something
    assert secret not in dump
    assert seed not in dump


def test_the_migration_encrypts_plain_secrets_once_and_back_again(officer):
    plain = {"secret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"}
    codes = {"seed": "a1" * 40, "used_mask": 5, "migrated_codes": ["12345678", "87654321"]}
    totp = Authenticator.objects.create(user=officer, type="totp", data=plain)
    recovery = Authenticator.objects.create(user=officer, type="recovery_codes", data=codes)

    migration.transform_every_secret(migration.encrypt_if_plain)(apps, None)
    encrypted = stored_rows(officer)
    migration.transform_every_secret(migration.encrypt_if_plain)(apps, None)

    assert stored_rows(officer) == encrypted  # running it again changes nothing
    for value in ("JBSWY3DPEHPK3PXP", "a1a1a1", "12345678", "87654321"):
        assert value not in encrypted
    recovery.refresh_from_db()
    assert recovery.data["used_mask"] == 5
    assert RecoveryCodes(recovery).get_unused_codes() == ["12345678", "87654321"]
    migration.transform_every_secret(migration.decrypt_if_encrypted)(apps, None)
    totp.refresh_from_db()
    recovery.refresh_from_db()
    assert (totp.data, recovery.data) == (plain, codes)


def test_production_refuses_to_start_without_a_key_and_says_how_to_make_one():
    result = run_with_production_settings(
        ["-c", "import django; django.setup()"],
        SECRET_KEY="a-long-random-value-for-this-test-only-0123456789",
        ALLOWED_HOSTS="testserver",
        MFA_ENCRYPTION_KEYS="",
    )

    assert result.returncode != 0
    assert "Set MFA_ENCRYPTION_KEYS to a Fernet key" in result.stderr
    assert "Fernet.generate_key()" in result.stderr


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ([mfa_secrets.DEVELOPMENT_KEY], "holds the development key, which is public"),
        (["not-a-key"], "holds a value that is not a Fernet key"),
        ([NEW_KEY, "not-a-key"], "holds a value that is not a Fernet key"),
    ],
)
def test_production_refuses_the_public_key_and_anything_that_is_not_a_key(keys, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        mfa_secrets.check_production_keys(keys)


def test_no_plain_secret_is_mistaken_for_an_encrypted_one():
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    plain = [generate_totp_secret() for _ in range(50)] + [RecoveryCodes.generate_seed()]

    assert not any(mfa_secrets.is_encrypted(value) for value in plain)
    assert all(mfa_secrets.is_encrypted(mfa_secrets.encrypt(value)) for value in plain)
