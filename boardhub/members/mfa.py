"""allauth.mfa's adapter for BoardHub: two-factor secrets are encrypted in the database.

allauth calls `encrypt` before it stores a TOTP seed or a recovery-code seed, and `decrypt`
each time it checks a code; both go to boardhub.members.mfa_secrets, which holds the invariant
(Fernet tokens with the keys in MFA_ENCRYPTION_KEYS, strict decryption) and the reasons.
"""

from allauth.mfa.adapter import DefaultMFAAdapter

from boardhub.members import mfa_secrets


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text):
        return mfa_secrets.encrypt(text)

    def decrypt(self, encrypted_text):
        return mfa_secrets.decrypt(encrypted_text)
