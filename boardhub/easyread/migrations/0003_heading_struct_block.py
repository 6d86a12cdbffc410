"""Easy-read headings become a StructBlock with one labelled field, `text`, so the editor's
heading input has a label. Existing headings (a plain string) move into `text`, in the live
pages and in every revision, so that old revisions still open, compare and revert."""

import wagtail.fields
from django.db import migrations
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import BaseBlockOperation


class HeadingValueOperation(BaseBlockOperation):
    """Each heading's value, "Text" becomes {"text": "Text"} (or back again). Values already in
    the new shape are left alone, so running it twice changes nothing."""

    def __init__(self, to_struct):
        super().__init__()
        self.to_struct = to_struct

    def apply(self, block_value):
        return [self.convert(child) for child in block_value]

    def convert(self, child):
        if child.get("type") != "heading":
            return child
        value = child.get("value")
        if self.to_struct and isinstance(value, str):
            return {**child, "value": {"text": value}}
        if not self.to_struct and isinstance(value, dict):
            return {**child, "value": value.get("text", "")}
        return child

    @property
    def operation_name_fragment(self):
        return "heading_text_to_struct" if self.to_struct else "heading_struct_to_text"


def migrate_headings(to_struct):
    return MigrateStreamData(
        app_name="easyread",
        model_name="EasyReadGuidePage",
        field_name="body",
        operations_and_block_paths=[(HeadingValueOperation(to_struct=to_struct), "")],
    ).code


class Migration(migrations.Migration):
    dependencies = [
        ("easyread", "0002_jargon_terms"),
    ]

    operations = [
        migrations.AlterField(
            model_name="easyreadguidepage",
            name="body",
            field=wagtail.fields.StreamField(
                [("row", 4), ("heading", 6), ("important", 7), ("hard_word", 10), ("contact", 15)],
                block_lookup={
                    0: (
                        "wagtail.images.blocks.ImageChooserBlock",
                        (),
                        {
                            "help_text": "A picture that helps explain the words beside it.",
                            "required": False,
                        },
                    ),
                    1: (
                        "wagtail.blocks.BooleanBlock",
                        (),
                        {
                            "help_text": "Tick this only if someone who cannot see the picture misses nothing.",
                            "label": "The picture only decorates, it does not explain",
                            "required": False,
                        },
                    ),
                    2: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Say what the picture shows, for people who cannot see it. For example: 'A woman paying for her shopping with a card'.",
                            "label": "Alt text",
                            "max_length": 200,
                            "required": False,
                        },
                    ),
                    3: (
                        "wagtail.blocks.TextBlock",
                        (),
                        {
                            "help_text": "One to three short sentences about one idea. Keep each sentence to 15 words."
                        },
                    ),
                    4: (
                        "wagtail.blocks.StructBlock",
                        [[("image", 0), ("decorative", 1), ("alt_text", 2), ("text", 3)]],
                        {},
                    ),
                    5: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "A few words that say what the next rows are about.",
                            "label": "Heading",
                            "max_length": 120,
                        },
                    ),
                    6: ("wagtail.blocks.StructBlock", [[("text", 5)]], {}),
                    7: (
                        "wagtail.blocks.TextBlock",
                        (),
                        {
                            "help_text": "Something the reader must not miss, in one or two short sentences.",
                            "icon": "warning",
                            "label": "Important box",
                            "preview_value": "You do not have to pay to ask for an assessment.",
                            "template": "easyread/includes/important.html",
                        },
                    ),
                    8: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "The hard word. For example: 'assessment'.",
                            "max_length": 60,
                        },
                    ),
                    9: (
                        "wagtail.blocks.TextBlock",
                        (),
                        {"help_text": "What it means, in one or two short sentences."},
                    ),
                    10: ("wagtail.blocks.StructBlock", [[("word", 8), ("meaning", 9)]], {}),
                    11: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Who to ask. For example: 'The care team'.",
                            "max_length": 120,
                        },
                    ),
                    12: ("wagtail.blocks.CharBlock", (), {"max_length": 40, "required": False}),
                    13: ("wagtail.blocks.EmailBlock", (), {"required": False}),
                    14: ("wagtail.blocks.TextBlock", (), {"required": False}),
                    15: (
                        "wagtail.blocks.StructBlock",
                        [[("name", 11), ("phone", 12), ("email", 13), ("address", 14)]],
                        {},
                    ),
                },
            ),
        ),
        migrations.RunPython(migrate_headings(to_struct=True), migrate_headings(to_struct=False)),
    ]
