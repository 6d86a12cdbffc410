"""A meeting's papers and agenda, as StreamField blocks."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock


class PaperBlock(blocks.StructBlock):
    """A paper for the meeting, with its easy-read version if there is one."""

    title = blocks.CharBlock(max_length=200, help_text="What the paper is, in a few words.")
    document = DocumentChooserBlock()
    easy_read_guide = blocks.PageChooserBlock(
        page_type="easyread.EasyReadGuidePage",
        required=False,
        label="easy read version (a guide)",
        help_text="Optional: an easy read guide that says the same.",
    )
    easy_read_document = DocumentChooserBlock(
        required=False,
        label="easy read version (a document)",
        help_text="Optional: an easy read document that says the same.",
    )

    class Meta:
        icon = "doc-full"
        label = "Paper"

    def clean(self, value):
        value = super().clean(value)
        if value.get("easy_read_guide") and value.get("easy_read_document"):
            raise StructBlockValidationError(
                block_errors={
                    "easy_read_document": ValidationError(
                        "Choose an easy read guide or an easy read document, not both."
                    )
                }
            )
        return value


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(help_text="When this item starts.")
    title = blocks.CharBlock(max_length=200)
    summary = blocks.TextBlock(
        max_length=600, help_text="What it is about, in one or two plain sentences."
    )
    led_by = blocks.CharBlock(
        max_length=200,
        required=False,
        help_text=(
            "Who leads it, by role and organisation. For example: 'Head of home care, "
            "Larkfield Council'."
        ),
    )
    papers = blocks.ListBlock(PaperBlock(), default=[], min_num=0)

    class Meta:
        icon = "list-ol"
        label = "Agenda item"


class AgendaBlock(blocks.StreamBlock):
    item = AgendaItemBlock()


class PapersBlock(blocks.StreamBlock):
    paper = PaperBlock()


class DecisionsBlock(blocks.StreamBlock):
    decision = blocks.TextBlock(max_length=600, help_text="One decision, in plain English.")
