"""StreamField blocks shared by the site's content pages."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# Rich text kept to what reads well and stays accessible: no colours, no font sizes,
# no headings inside paragraphs (headings are their own block, so the outline stays sound).
PARAGRAPH_FEATURES = ["bold", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Main heading"), ("h3", "Sub-heading")],
        default="h2",
        help_text="Use a main heading for each new topic, and sub-headings inside a topic.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "What the board does", "level": "h2"}


class ImageFigureBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        label="Alt text",
        help_text=(
            "Say what the picture shows, for people who cannot see it. "
            "For example: 'Three board members talking at a table'."
        ),
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    # Alt text that tells a screen reader user nothing about the picture.
    MEANINGLESS_ALT_TEXT = {"image", "picture", "photo", "photograph", "graphic", "img"}

    def clean(self, value):
        value = super().clean(value)
        alt_text = value["alt_text"].strip().lower().rstrip(".")
        file_names = set()
        if value["image"]:
            path = PurePath(value["image"].file.name.lower())
            file_names = {path.name, path.stem}
        if alt_text in self.MEANINGLESS_ALT_TEXT | file_names:
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Describe what the picture shows, not that it is a picture."
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        template = "blocks/image_figure_block.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        preview_value = {
            "title": "You can ask for help",
            "text": "<p>Call us if you would like this page read to you.</p>",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Leave blank to use the document's own title.",
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        preview_value="<p>The board meets every month to talk about care services.</p>",
    )
    image = ImageFigureBlock()
    callout = CalloutBlock()
    document = DocumentLinkBlock()
