"""Encrypt the two-factor secrets stored in plain text before MFA_ENCRYPTION_KEYS existed.

After this migration every secret in Authenticator.data is a Fernet token, which is why
boardhub.members.mfa_secrets.decrypt can refuse anything else. A value that is already a token
(an authenticator set up by new code while this migration waited to run) is left as it is, so
running it is safe at any moment. Going back decrypts every secret to plain text again.
"""

from django.db import migrations

from boardhub.members import mfa_secrets


def encrypt_if_plain(value):
    return value if mfa_secrets.is_encrypted(value) else mfa_secrets.encrypt(value)


def decrypt_if_encrypted(value):
    return mfa_secrets.decrypt(value) if mfa_secrets.is_encrypted(value) else value


def transform_every_secret(transform):
    def migrate(apps, schema_editor):
        Authenticator = apps.get_model("mfa", "Authenticator")
        for authenticator in Authenticator.objects.iterator():
            data = mfa_secrets.with_secrets(authenticator.type, authenticator.data, transform)
            if data != authenticator.data:
                authenticator.data = data
                authenticator.save(update_fields=["data"])

    return migrate


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_officer_groups"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [
        migrations.RunPython(
            transform_every_secret(encrypt_if_plain),
            transform_every_secret(decrypt_if_encrypted),
        ),
    ]
