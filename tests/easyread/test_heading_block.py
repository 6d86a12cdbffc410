"""Headings in an easy-read guide: a labelled input in the editor, and the migration that moved
the headings written before (a plain string) into the new shape."""

import html
import importlib
import json
import re

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.blocks import StreamValue

from boardhub.demo.factories import EasyReadGuidePageFactory
from boardhub.easyread.models import EasyReadGuidePage

pytestmark = pytest.mark.django_db

migration = importlib.import_module("boardhub.easyread.migrations.0003_heading_struct_block")


def child_definitions(definition):
    """Every block definition inside a telepath block definition, depth first."""
    if isinstance(definition, dict):
        if definition.get("_type", "").startswith("wagtail.blocks."):
            yield definition
        for value in definition.values():
            yield from child_definitions(value)
    elif isinstance(definition, list):
        for value in definition:
            yield from child_definitions(value)


def body_definition(response):
    """The StreamField's block definition, as the editor's JavaScript receives it."""
    content = response.content.decode()
    found = re.search(r'data-w-block-data-value="([^"]*)"', content)
    assert found, "the editor has no StreamField"
    return json.loads(html.unescape(found.group(1)))


def test_the_heading_input_has_a_label_in_the_editor(client, officer, guide):
    """The editor's JavaScript labels each field of a StructBlock (as in a row) with a <label>;
    a bare CharBlock in a stream gets no label at all, only the block's title above it."""
    client.force_login(officer)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk]))

    assert response.status_code == 200
    definitions = list(child_definitions(body_definition(response)))
    heading = next(block for block in definitions if block["_args"][0] == "heading")
    assert heading["_type"] == "wagtail.blocks.StructBlock"
    (field,) = heading["_args"][1]
    assert field["_type"] == "wagtail.blocks.FieldBlock"
    assert field["_args"][0] == "text"
    assert field["_args"][2]["label"] == "Heading"
    assert field["_args"][2]["required"] is True


def test_a_heading_shows_its_text(easy_read_index):
    guide = EasyReadGuidePageFactory(
        parent=easy_read_index, body__0__heading__text="How to use the money"
    )

    rendered = guide.body[0].render()

    assert (
        rendered.strip() == '<h2 class="easy-read__heading" data-listen>How to use the money</h2>'
    )


def old_body(*headings):
    """A body as guides stored it before the migration: each heading a plain string."""
    return [
        {"type": "heading", "value": text, "id": f"h{n}"} for n, text in enumerate(headings)
    ] + [
        {
            "type": "important",
            "value": "You can ask for help at any time.",
            "id": "i1",
        }
    ]


def store_raw(guide, raw):
    stream_block = EasyReadGuidePage._meta.get_field("body").stream_block
    EasyReadGuidePage.objects.filter(pk=guide.pk).update(
        body=StreamValue(stream_block, raw, is_lazy=True)
    )


def raw_body(guide):
    return EasyReadGuidePage.objects.get(pk=guide.pk).body.raw_data


def test_the_migration_moves_old_headings_into_the_new_shape_and_back(easy_read_index):
    guide = EasyReadGuidePageFactory(parent=easy_read_index)
    store_raw(guide, old_body("Who can get direct payments", "How to use the money"))
    revision = guide.save_revision()
    revision.content["body"] = json.dumps(old_body("An older heading"))
    revision.save(update_fields=["content"])
    assert raw_body(guide)[0]["value"] == "Who can get direct payments"  # the old shape

    migration.migrate_headings(to_struct=True)(apps, None)
    migrated = list(raw_body(guide))
    migration.migrate_headings(to_struct=True)(apps, None)

    assert list(raw_body(guide)) == migrated  # running it again changes nothing
    assert [block["value"] for block in migrated] == [
        {"text": "Who can get direct payments"},
        {"text": "How to use the money"},
        "You can ask for help at any time.",
    ]
    assert [block["id"] for block in migrated] == ["h0", "h1", "i1"]  # the ids are kept
    live = EasyReadGuidePage.objects.get(pk=guide.pk)
    assert "Who can get direct payments</h2>" in live.body[0].render()
    revision.refresh_from_db()
    old = revision.as_object()
    assert old.body[0].value["text"] == "An older heading"  # old revisions still open

    migration.migrate_headings(to_struct=False)(apps, None)

    assert [block["value"] for block in raw_body(guide)][:2] == [
        "Who can get direct payments",
        "How to use the money",
    ]
