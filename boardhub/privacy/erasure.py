"""Deleting an account: the right to erasure, carried out as the registry says."""

import secrets
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from boardhub.core.emails import send_templated_email

from .models import ErasedAccount
from .registry import registry

ACCOUNT_ERASED = "boardhub.account_erased"
FORMER_MEMBER = "A former board member"
# Why an officer's records of what they did stay (Erase.KEEP) when they delete their account.
COUNCIL_RECORD = (
    "This is part of the council's record of how the website was run. It stays, but it shows "
    f'"{FORMER_MEMBER.lower()}" instead of your name.'
)


# Steps that apps above privacy add from their ready(), each a function of the user, run first
# in erase_account's transaction: for what sits beside rows the registry keeps (a response
# stays, as from a former board member, but the scan of its paper form and the contact
# details kept with it go).
erasure_steps = []


def also_erase(step):
    erasure_steps.append(step)
    return step


def is_erased(user):
    return ErasedAccount.objects.filter(user_id=user.pk).exists()


def display_name_for(user):
    """The name to show beside something a person contributed."""
    if user is None or is_erased(user):
        return FORMER_MEMBER
    return user.get_short_name() or "A board member"


def anonymise_account(rows, user):
    """The account row stays, so contributions keep a link; nothing personal stays on it."""
    for account in rows:
        # .invalid can never receive email (RFC 2606), and the random part keeps it unique.
        account.email = f"deleted-{secrets.token_hex(12)}@invalid"
        account.first_name = ""
        account.last_name = ""
        account.display_name = FORMER_MEMBER
        # No password works and an inactive account cannot sign in, so every session ends.
        account.set_unusable_password()
        account.is_active = False
        account.is_staff = False
        account.is_superuser = False
        account.last_login = None
        account.save()
        account.groups.clear()
        account.user_permissions.clear()


def unlock(rows, user):
    """Anonymise a lock (a page or snippet someone was editing): it is taken off."""
    rows.update(locked=False, locked_by=None, locked_at=None)


@transaction.atomic
def erase_account(user):
    """Erase a person's data as the registry says, in one transaction, and record that it
    happened. Returns the ErasedAccount."""
    old_email = user.email
    account_link = registry.account_link()
    for step in erasure_steps:
        step(user)
    for link in registry.links():
        if link is not account_link:
            forget_log_labels(link.rows_for(user))
            link.erase_rows(user)
    forget_log_labels(account_link.rows_for(user))
    account_link.erase_rows(user)
    user.refresh_from_db()

    erased = ErasedAccount.objects.create(user=user)
    # Logged after anonymising, against a record whose label holds no name or email.
    log(instance=erased, action=ACCOUNT_ERASED, user=user)
    end_sessions(user)
    send_templated_email(
        "privacy_account_deleted", [old_email], {"site_name": settings.WAGTAIL_SITE_NAME}
    )
    return erased


def forget_log_labels(rows):
    """Wagtail's history copies an object's name into each entry about it ("Profile of Sam"):
    take that name out of the entries about rows that are being erased."""
    model = rows.model
    ids = [str(pk) for pk in rows.values_list("pk", flat=True)]
    if not ids:
        return
    if model is get_user_model():
        label = FORMER_MEMBER
    else:
        label = f"{capfirst(model._meta.verbose_name)} of {FORMER_MEMBER.lower()}"
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        object_id__in=ids,
    ).update(label=label)


def end_sessions(user):
    """Delete the person's sessions from the database, on every device.

    Even where sessions cannot be listed (a cache backend), none still works: the password
    changed, which Django checks on every request, and the account is inactive."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return
    sessions = store.get_model_class().objects.filter(expire_date__gt=timezone.now())
    user_id = str(user.pk)
    theirs = [
        session.pk
        for session in sessions.iterator()
        if str(session.get_decoded().get("_auth_user_id")) == user_id
    ]
    store.get_model_class().objects.filter(pk__in=theirs).delete()
