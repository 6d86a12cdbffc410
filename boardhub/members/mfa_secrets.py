"""Two-factor secrets, encrypted at rest with keys from the environment.

Invariant: every secret allauth.mfa keeps in `Authenticator.data` (an authenticator app's TOTP
seed, the seed recovery codes are made from, and recovery codes carried over from another
library) is stored as a Fernet token (AES-128-CBC with an HMAC-SHA256) made with the first key
of `MFA_ENCRYPTION_KEYS`. The keys live only in the server's environment, never in the database,
so a stolen dump or backup holds no usable second factor.

Several keys allow rotation: new secrets are encrypted with the first (newest) key, and any of
them opens a secret. `manage.py rotate_mfa_key` re-encrypts every secret with the first key,
after which the old ones can be dropped.

Decrypting is strict. Migration members.0004 encrypted every secret stored in plain text, so a
value no key opens means a key is missing or the data was changed: we raise `SecretUnreadable`
(the sign-in fails loudly, and the log says why) instead of treating it as a wrong code, which
would lock officers out in silence and hide the fault.

This module imports nothing from Django's models, so production settings can check the keys.
"""

import base64
import binascii
import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Not a secret: base64 of the 32 bytes "dev-and-test-only-NOT-SECRET-key". Development and test
# settings use it when MFA_ENCRYPTION_KEYS is unset; production settings refuse it.
DEVELOPMENT_KEY = "ZGV2LWFuZC10ZXN0LW9ubHktTk9ULVNFQ1JFVC1rZXk="
MAKE_A_KEY = (
    'Make one with: python3 -c "from cryptography.fernet import Fernet; '
    'print(Fernet.generate_key().decode())"'
)
# Where allauth.mfa keeps secrets in Authenticator.data, by authenticator type. WebAuthn keeps
# only the public key and the name of a passkey: nothing secret.
SECRET_FIELDS = {"totp": ("secret",), "recovery_codes": ("seed",)}
SECRET_LIST_FIELDS = {"recovery_codes": ("migrated_codes",)}


class SecretUnreadable(Exception):
    """A stored two-factor secret that no key in MFA_ENCRYPTION_KEYS opens."""


def fernet_for(keys):
    """A MultiFernet that encrypts with keys[0] and decrypts with any of `keys`."""
    if not keys:
        raise ImproperlyConfigured(f"Set MFA_ENCRYPTION_KEYS to a Fernet key. {MAKE_A_KEY}")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, binascii.Error):
        raise ImproperlyConfigured(
            "MFA_ENCRYPTION_KEYS holds a value that is not a Fernet key (44 characters of "
            f"URL-safe base64). {MAKE_A_KEY}"
        ) from None


def check_production_keys(keys):
    """Refuse to start a live site whose two-factor secrets would be unprotected."""
    fernet_for(keys)
    if DEVELOPMENT_KEY in keys:
        raise ImproperlyConfigured(
            "MFA_ENCRYPTION_KEYS holds the development key, which is public. "
            f"Use a key of your own. {MAKE_A_KEY}"
        )


@functools.lru_cache(maxsize=4)
def _fernet(keys):
    return fernet_for(keys)


def current_fernet():
    """The MultiFernet for the keys in settings now (tests change them)."""
    return _fernet(tuple(settings.MFA_ENCRYPTION_KEYS))


def encrypt(text):
    return current_fernet().encrypt(text.encode()).decode("ascii")


def decrypt(token):
    try:
        return current_fernet().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeEncodeError):
        raise SecretUnreadable(
            "A two-factor secret in the database cannot be opened with any key in "
            "MFA_ENCRYPTION_KEYS. Put back the key it was encrypted with (keep it after the "
            "new one), or the person must set up two-factor again."
        ) from None


def reencrypt(token):
    """`token` encrypted again with the newest key."""
    decrypt(token)  # raises the plain SecretUnreadable if no key opens it
    return current_fernet().rotate(token.encode("ascii")).decode("ascii")


def is_encrypted(value):
    """Whether `value` is a Fernet token rather than a plain secret.

    Every Fernet token starts with the version byte 0x80, "gAAAAA" in base64. A plain TOTP
    seed is upper-case base32 and a recovery-code seed or code is digits and a to f, so neither
    can start with "g".
    """
    try:
        return base64.urlsafe_b64decode(value.encode("ascii"))[:1] == b"\x80"
    except (ValueError, binascii.Error, UnicodeEncodeError):
        return False


def with_secrets(authenticator_type, data, transform):
    """A copy of an Authenticator's `data` with `transform` applied to each secret in it."""
    changed = dict(data)
    for field in SECRET_FIELDS.get(authenticator_type, ()):
        if field in changed:
            changed[field] = transform(changed[field])
    for field in SECRET_LIST_FIELDS.get(authenticator_type, ()):
        if field in changed:
            changed[field] = [transform(value) for value in changed[field]]
    return changed
