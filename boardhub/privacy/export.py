"""A copy of everything BoardHub holds about one person, built from the registry."""

import json
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from .registry import Record, UserLink, registry


@dataclass
class Section:
    link: UserLink
    records: list[Record]

    @property
    def heading(self):
        return self.link.heading

    @property
    def purpose(self):
        return self.link.purpose


def collect(user):
    """Every part of the registry that exports something, with this person's records in it."""
    return [
        Section(link, link.export(link.rows_for(user)))
        for link in registry.links()
        if link.export is not None
    ]


def as_data(sections):
    """The sections as plain data for the JSON file. In each part, "what_we_hold" is an object
    (or null) where a person has at most one record (the account, the profile), else a list."""
    data = {
        "about_this_file": {
            "website": settings.WAGTAIL_SITE_NAME,
            "made_on": timezone.now(),
            "what_it_is": "Everything this website holds about you, and why we hold it.",
        },
    }
    for section in sections:
        records = [{item.key: item.value for item in record} for record in section.records]
        if section.link.is_single:
            records = records[0] if records else None
        data[section.link.key] = {"why_we_hold_it": section.purpose, "what_we_hold": records}
    return data


def as_json(user):
    return json.dumps(as_data(collect(user)), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
