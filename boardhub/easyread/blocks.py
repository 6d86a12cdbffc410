"""StreamField blocks for easy-read guides.

No block accepts HTML: every piece of text is plain, stored as typed and shown escaped, so an
officer cannot add styling that breaks the easy-read layout (or a script).
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from boardhub.core.blocks import ImageFigureBlock


class RowBlock(blocks.StructBlock):
    """One idea: a picture beside one to three short sentences."""

    image = ImageChooserBlock(
        required=False,
        help_text="A picture that helps explain the words beside it.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        label="The picture only decorates, it does not explain",
        help_text="Tick this only if someone who cannot see the picture misses nothing.",
    )
    alt_text = blocks.CharBlock(
        required=False,
        max_length=200,
        label="Alt text",
        help_text=(
            "Say what the picture shows, for people who cannot see it. "
            "For example: 'A woman paying for her shopping with a card'."
        ),
    )
    text = blocks.TextBlock(
        help_text="One to three short sentences about one idea. Keep each sentence to 15 words.",
    )

    def clean(self, value):
        value = super().clean(value)
        alt_text = value["alt_text"].strip()
        if value["image"] and not value["decorative"] and not alt_text:
            raise self._alt_text_error(
                "Say what the picture shows, for people who cannot see it. "
                "Or tick the box if the picture only decorates."
            )
        if alt_text.lower().rstrip(".") in ImageFigureBlock.MEANINGLESS_ALT_TEXT:
            raise self._alt_text_error("Describe what the picture shows, not that it is a picture.")
        return value

    @staticmethod
    def _alt_text_error(message):
        return StructBlockValidationError(block_errors={"alt_text": ValidationError(message)})

    class Meta:
        icon = "image"
        label = "Row: a picture and words"
        template = "easyread/includes/row.html"
        preview_value = {"text": "You can choose who helps you at home."}


class HardWordBlock(blocks.StructBlock):
    """A hard word explained where it is used. The guide's glossary lists them all at the end."""

    word = blocks.CharBlock(max_length=60, help_text="The hard word. For example: 'assessment'.")
    meaning = blocks.TextBlock(
        help_text="What it means, in one or two short sentences.",
    )

    class Meta:
        icon = "help"
        label = "Hard word"
        template = "easyread/includes/hard_word.html"
        preview_value = {
            "word": "Assessment",
            "meaning": "A meeting where we talk with you about the help you need.",
        }


class ContactBlock(blocks.StructBlock):
    """Who to ask, and how to reach them."""

    name = blocks.CharBlock(max_length=120, help_text="Who to ask. For example: 'The care team'.")
    phone = blocks.CharBlock(required=False, max_length=40)
    email = blocks.EmailBlock(required=False)
    address = blocks.TextBlock(required=False)

    class Meta:
        icon = "mail"
        label = "Who to contact"
        template = "easyread/includes/contact.html"
        preview_value = {"name": "The care team", "phone": "01234 567890"}


class HeadingBlock(blocks.StructBlock):
    """A heading between rows. A StructBlock, as the row is, so that its one input has a label
    in the editor (a bare CharBlock in a StreamField has none, only the block's title)."""

    text = blocks.CharBlock(
        max_length=120,
        label="Heading",
        help_text="A few words that say what the next rows are about.",
    )

    class Meta:
        icon = "title"
        label = "Heading"
        template = "easyread/includes/heading.html"
        preview_value = {"text": "What are direct payments?"}
        description = "A heading that starts a new part of the guide."


class EasyReadStreamBlock(blocks.StreamBlock):
    row = RowBlock()
    heading = HeadingBlock()
    important = blocks.TextBlock(
        icon="warning",
        label="Important box",
        help_text="Something the reader must not miss, in one or two short sentences.",
        template="easyread/includes/important.html",
        preview_value="You do not have to pay to ask for an assessment.",
    )
    hard_word = HardWordBlock()
    contact = ContactBlock()
