from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class EvidenceLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, help_text="What the page shows, in a few words.")
    url = blocks.URLBlock(label="Web address")

    class Meta:
        icon = "link"
        label = "Web page"


class EvidenceDocumentBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, help_text="What the document shows, in a few words.")
    document = DocumentChooserBlock()

    class Meta:
        icon = "doc-full"
        label = "Document"


class EvidenceBlock(blocks.StreamBlock):
    """Evidence that the change happened: documents or web pages."""

    document = EvidenceDocumentBlock()
    link = EvidenceLinkBlock()
