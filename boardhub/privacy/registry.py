"""Every model that links to a person's account, and what happens to it when they ask.

UK GDPR gives people the right to a copy of their data and the right to have it erased. Both
come from this one registry: each field that points at the user model is registered once,
saying what the person gets in their download and what happens to those rows when they
delete their account:

    DELETE      the rows go (for a many-to-many field: the person is taken off them)
    ANONYMISE   the rows stay, with the personal data taken out (a function says how)
    KEEP        the rows stay as they are, for the reason given. They still point at the
                account row, which erasure anonymises, so they show "A former board member".

The account row itself is registered too, under its primary key.

This app is the mechanism; the knowledge is in the apps that own the data. Privacy sits just
above core, services and members in the layers (LAYERS in tests/architecture/import_graph.py),
so:

- boardhub/privacy/personal_data.py registers what privacy may know about: the account and
  the member's profile (members), signing in (allauth), its own record of deleted accounts,
  and what Wagtail's admin holds about officers.
- every app above privacy (joining, consultations, feedback, impact, and each new one)
  registers its own models in its own `personal_data.py`, imported from its
  `AppConfig.ready()`. Privacy never imports those apps; a new app adds its own file.

The person's own account (registered with `account=True`: the account row, profile, equality
answers, email addresses, two-factor) comes first, whichever app's ready() runs first. The rest
keeps the order it was registered in, which is the order of the apps in INSTALLED_APPS, since
Django runs their ready() in that order. That is the order of the headings on the summary
page, of the parts of the downloaded file, and of erasure (the account row is erased last).

Models are named as "app_label.ModelName" and looked up only when needed, so a model that is
not installed (yet) is skipped and the registry never breaks while an app is being built;
tests/privacy/test_registry.py fails, naming the model, the field and the personal_data.py to
add it to, when a model links to users and is not registered.
"""

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import capfirst, slugify

from boardhub.members.models import ChoicesListValidator


class Erase(enum.Enum):
    DELETE = "delete"
    ANONYMISE = "anonymise"
    KEEP = "keep"


@dataclass(frozen=True)
class Item:
    """One piece of data in a download: a key for the file, a label and a value for people."""

    key: str
    label: str
    value: object  # anything json.dumps can write (with DjangoJSONEncoder)
    display: str


Record = list[Item]
Exporter = Callable[[models.QuerySet], list[Record]]
Anonymiser = Callable[[models.QuerySet, models.Model], None]


@dataclass(frozen=True)
class UserLink:
    """One field that links rows of one model to a person's account."""

    model_label: str  # "app_label.ModelName"
    field_name: str
    heading: str  # what the person reads on the summary page, e.g. "Your profile"
    purpose: str  # why we hold it, in plain English
    erase: Erase
    export: Exporter | None
    anonymise: Anonymiser | None = None
    reason: str = ""  # why the rows stay (KEEP), or why nothing is exported
    account: bool = False  # part of the person's own account: listed before the apps' data

    @property
    def key(self):
        """The name of this part of the downloaded file: "your_profile"."""
        return slugify(self.heading).replace("-", "_")

    @property
    def name(self):
        return f"{self.model_label}.{self.field_name}"

    def get_model(self):
        """The model, or None when its app is not installed."""
        try:
            return apps.get_model(self.model_label)
        except LookupError:
            return None

    def get_field(self):
        model = self.get_model()
        try:
            return model._meta.get_field(self.field_name)
        except FieldDoesNotExist as error:
            raise ImproperlyConfigured(
                f"{self.name} is registered but has no such field"
            ) from error

    @property
    def is_single(self):
        """At most one row per person: a one-to-one field, or the account row itself."""
        field = self.get_field()
        return field.one_to_one or field.primary_key

    def rows_for(self, user):
        model = self.get_model()
        return model._default_manager.filter(**{self.field_name: user.pk}).order_by("pk")

    def erase_rows(self, user):
        rows = self.rows_for(user)
        if self.erase is Erase.DELETE:
            delete_rows(rows, self.get_field(), user)
        elif self.erase is Erase.ANONYMISE:
            self.anonymise(rows, user)


def delete_rows(rows, field, user):
    """Delete each row, with any files it holds; on a many-to-many, just take the person off."""
    for row in rows:
        if field.many_to_many:
            getattr(row, field.name).remove(user)
            continue
        for file_field in row._meta.fields:
            if isinstance(file_field, models.FileField):
                stored = getattr(row, file_field.name)
                if stored:
                    stored.delete(save=False)
        row.delete()


class Registry:
    def __init__(self):
        self._links: dict[str, UserLink] = {}

    def register(self, model_label, field_name, *, heading, purpose, erase, export, **options):
        """Register one user-linking field. `export` is a tuple of field names (exported as
        they are, with their labels) or a function from the rows to a list of records."""
        if isinstance(export, tuple | list):
            export = export_fields(*export)
        link = UserLink(model_label, field_name, heading, purpose, erase, export, **options)
        if link.erase is Erase.ANONYMISE and link.anonymise is None:
            raise ImproperlyConfigured(f"{link.name}: say how to anonymise it")
        if (link.erase is Erase.KEEP or link.export is None) and not link.reason:
            raise ImproperlyConfigured(f"{link.name}: give the reason")
        if link.name in self._links:
            raise ImproperlyConfigured(f"{link.name} is registered twice")
        if any(other.key == link.key for other in self._links.values()):
            raise ImproperlyConfigured(f"{link.name}: the heading {link.heading!r} is taken")
        self._links[link.name] = link
        return link

    def links(self) -> Iterator[UserLink]:
        """Every registration whose model is installed: the person's own account first, then
        the rest in the order registered."""
        in_order = sorted(self._links.values(), key=lambda link: not link.account)
        return (link for link in in_order if link.get_model() is not None)

    def get(self, model, field_name):
        return self._links.get(f"{model._meta.label}.{field_name}")

    def account_link(self):
        user_model = get_user_model()
        return self.get(user_model, user_model._meta.pk.name)


registry = Registry()
register = registry.register


def user_linking_fields():
    """Every field on every installed model that points at the user model, found on the model
    that declares it (Page.owner once, not again on each page type)."""
    user_model = get_user_model()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                field.is_relation
                and not field.auto_created
                and field.related_model is user_model
                and field.model is model
            ):
                yield model, field


def unregistered_user_links():
    """ "app_label.Model.field" for each user-linking field nobody has registered."""
    return [
        f"{model._meta.label}.{field.name}"
        for model, field in user_linking_fields()
        if registry.get(model, field.name) is None
    ]


# Turning model fields into items


def display_value(value):
    """Any value, as words a person can read."""
    if value is None or value == "" or value == []:
        return "Not given"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, datetime):
        return format_date(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, date):
        return format_date(value, "j F Y")
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    return str(value)


def json_value(value):
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, models.Model):
        return str(value)
    return value


def item(key, label, value, display=None):
    """An item from a plain value (for exports written as functions)."""
    return Item(key, label, json_value(value), display or display_value(value))


def field_item(row, name, label=None):
    """An item from a model field, with its label and, for choices, the words people chose."""
    field = row._meta.get_field(name)
    value = getattr(row, name)
    label = label or capfirst(field.verbose_name)
    display = None
    if field.choices and value not in (None, ""):
        display = str(dict(field.flatchoices).get(value, value))
    for validator in field.validators:
        if isinstance(validator, ChoicesListValidator) and value:
            names = dict(validator.choices)
            display = ", ".join(str(names.get(part, part)) for part in value)
    if isinstance(value, FieldFile):
        display = "A file" if value else "Not given"
    return item(name, label, value, display)


def export_fields(*names):
    """An exporter that writes these fields of each row."""

    def export(rows):
        return [[field_item(row, name) for name in names] for row in rows]

    return export
