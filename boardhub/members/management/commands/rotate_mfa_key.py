"""`manage.py rotate_mfa_key`: re-encrypt every two-factor secret with the newest key.

Rotation, step by step: put the new key first in MFA_ENCRYPTION_KEYS, keeping the old one after
it, and restart the site; run this command; then remove the old key and restart again. The
command changes every secret or none: if one cannot be opened, it stops and nothing is saved.
"""

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from boardhub.members import mfa_secrets


class Command(BaseCommand):
    help = (
        "Re-encrypt every two-factor secret with the first key in MFA_ENCRYPTION_KEYS, so the "
        "older keys can then be removed."
    )

    def handle(self, *args, **options):
        try:
            count = self.reencrypt_all()
        except mfa_secrets.SecretUnreadable as error:
            raise CommandError(f"{error} Nothing was changed.") from None
        self.stdout.write(
            f"Re-encrypted {count} two-factor authenticators with the newest key. You can now "
            "remove the older keys from MFA_ENCRYPTION_KEYS."
        )

    @transaction.atomic
    def reencrypt_all(self):
        authenticators = Authenticator.objects.select_for_update().order_by("pk")
        count = 0
        for authenticator in authenticators:
            data = mfa_secrets.with_secrets(
                authenticator.type, authenticator.data, mfa_secrets.reencrypt
            )
            if data != authenticator.data:
                authenticator.data = data
                authenticator.save(update_fields=["data"])
                count += 1
        return count
