"""The content blocks officers build pages with."""

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from boardhub.core.blocks import ImageFigureBlock
from boardhub.demo.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture():
    return ImageFactory(title="Board meeting", file__filename="board-meeting.png")


def clean_figure(image, alt_text):
    block = ImageFigureBlock()
    return block.clean(block.to_python({"image": image.pk, "alt_text": alt_text, "caption": ""}))


def test_a_picture_needs_alt_text(picture):
    with pytest.raises(StructBlockValidationError) as error:
        clean_figure(picture, "")

    assert "alt_text" in error.value.block_errors


@pytest.mark.parametrize("alt_text", ["Image", "picture.", "board-meeting.png", "Board-Meeting"])
def test_alt_text_must_describe_the_picture(picture, alt_text):
    with pytest.raises(StructBlockValidationError) as error:
        clean_figure(picture, alt_text)

    message = error.value.block_errors["alt_text"].messages[0]
    assert message == "Describe what the picture shows, not that it is a picture."


def test_a_real_description_is_accepted_and_shown(picture, client):
    value = clean_figure(picture, "Four people talking round a table")

    html = ImageFigureBlock().render(value)

    assert 'alt="Four people talking round a table"' in html
    assert 'loading="lazy"' in html


def test_a_figure_comes_as_webp_with_a_fallback(picture):
    value = clean_figure(picture, "Four people talking round a table")

    html = ImageFigureBlock().render(value)

    # Picture sizes and formats are tested in test_pictures.py; here, that the figure uses them.
    assert '<source type="image/webp"' in html
    assert 'class="figure__image"' in html
    assert "format-png.png" in html  # the fixture's file is named .png
