"""templates/includes/picture.html: a Wagtail image as a responsive <picture>, WebP first."""

from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.template.loader import render_to_string
from PIL import Image as PILImage

from boardhub.demo.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_remembered_renditions():
    """Wagtail remembers renditions in the cache by image id, and the test database hands out
    the same ids again: without this a test could see another test's renditions."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def photo():
    return ImageFactory(
        file__filename="garden.jpg", file__format="JPEG", file__width=1200, file__height=800
    )


def render_picture(**context):
    return render_to_string("includes/picture.html", context)


def parts(html):
    """The <picture>'s WebP <source> and its fallback <img>."""
    soup = BeautifulSoup(html, "html.parser")
    (picture,) = soup.find_all("picture")
    (source,) = picture.find_all("source")
    (img,) = picture.find_all("img")
    assert list(picture.find_all(True)) == [source, img], "the source comes before the img"
    return source, img


def srcset_widths(srcset):
    return [candidate.split()[1] for candidate in srcset.split(", ")]


def stored_format(rendition):
    with rendition.file.open("rb") as file:
        return PILImage.open(BytesIO(file.read())).format


def test_a_photo_comes_as_webp_with_a_jpeg_for_older_browsers(photo):
    source, img = parts(
        render_picture(
            image=photo,
            alt="Flowers in the garden",
            widths="300,600",
            sizes="(min-width: 40em) 300px, 100vw",
        )
    )

    assert source["type"] == "image/webp"
    assert srcset_widths(source["srcset"]) == ["300w", "600w"]
    assert srcset_widths(img["srcset"]) == ["300w", "600w"]
    assert source["sizes"] == img["sizes"] == "(min-width: 40em) 300px, 100vw"
    # The largest size, so the page keeps its space for the picture while it loads.
    assert (img["width"], img["height"]) == ("600", "400")
    assert img["src"].endswith(".jpg")
    assert img["alt"] == "Flowers in the garden"
    renditions = {rendition.filter_spec: rendition for rendition in photo.renditions.all()}
    assert {spec: stored_format(rendition) for spec, rendition in renditions.items()} == {
        "width-300|format-webp": "WEBP",
        "width-600|format-webp": "WEBP",
        "width-300|format-jpeg": "JPEG",
        "width-600|format-jpeg": "JPEG",
    }
    assert img["src"] == renditions["width-600|format-jpeg"].url
    assert source["srcset"] == (
        f"{renditions['width-300|format-webp'].url} 300w, "
        f"{renditions['width-600|format-webp'].url} 600w"
    )


@pytest.mark.parametrize(
    "filename, file_format", [("drawing.png", "PNG"), ("symbol.gif", "GIF"), ("art.webp", "WEBP")]
)
def test_other_pictures_fall_back_to_png(filename, file_format):
    image = ImageFactory(file__filename=filename, file__format=file_format, file__width=800)

    _, img = parts(render_picture(image=image, alt="A drawing"))

    assert img["src"].endswith(".png")
    formats = {r.filter_spec: stored_format(r) for r in image.renditions.all()}
    assert formats == {
        "width-300|format-webp": "WEBP",
        "width-600|format-webp": "WEBP",
        "width-300|format-png": "PNG",
        "width-600|format-png": "PNG",
    }


def test_the_widths_and_sizes_have_defaults(photo):
    source, img = parts(render_picture(image=photo, alt="Flowers"))

    assert srcset_widths(source["srcset"]) == ["300w", "600w"]
    assert source["sizes"] == img["sizes"] == "100vw"


def test_the_caller_chooses_the_widths(photo):
    source, img = parts(render_picture(image=photo, alt="Flowers", widths="800,400"))

    assert srcset_widths(source["srcset"]) == ["400w", "800w"]
    assert srcset_widths(img["srcset"]) == ["400w", "800w"]
    assert img["width"] == "800"


def test_a_small_picture_is_never_made_bigger():
    small = ImageFactory(file__filename="small.jpg", file__width=250, file__height=100)

    source, img = parts(render_picture(image=small, alt="A small picture", widths="300,600"))

    assert source["srcset"].endswith(" 250w")
    assert srcset_widths(source["srcset"]) == ["250w"]
    assert (img["width"], img["height"]) == ("250", "100")


def test_pictures_load_lazily_unless_the_caller_says_not(photo):
    _, lazy = parts(render_picture(image=photo, alt="Flowers"))
    _, at_once = parts(render_picture(image=photo, alt="Flowers", lazy=False))

    assert (lazy["loading"], lazy["decoding"]) == ("lazy", "async")
    assert "loading" not in at_once.attrs and "decoding" not in at_once.attrs


def test_alt_text_is_escaped(photo):
    typed = 'Sam said "hi" <script>alert(1)</script> & left'

    html = render_picture(image=photo, alt=typed)

    _, img = parts(html)
    assert img["alt"] == typed
    assert "<script>" not in html
    assert 'alt="Sam said &quot;hi&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; left"' in html


def test_a_decorative_picture_has_empty_alt_text(photo):
    html = render_picture(image=photo, alt="")

    assert ' alt=""' in html


def test_the_caller_can_give_the_img_a_class(photo):
    _, img = parts(render_picture(image=photo, alt="Flowers", img_class="figure__image"))

    assert img["class"] == ["figure__image"]


def test_no_image_shows_nothing():
    assert render_picture(image=None, alt="Flowers").strip() == ""


def test_a_picture_shown_again_takes_at_most_one_query(photo, django_assert_num_queries):
    render_picture(image=photo, alt="Flowers")
    photo.refresh_from_db()
    with django_assert_num_queries(0):  # Wagtail remembers the renditions in the cache
        render_picture(image=photo, alt="Flowers")

    cache.clear()
    with django_assert_num_queries(1):  # one query finds all four
        render_picture(image=photo, alt="Flowers")
