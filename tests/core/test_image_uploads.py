"""Officers upload pictures in the admin: what is refused, with which message, and what we keep.

The files are made here with Pillow. Large pictures are 1-bit PNGs: a few kilobytes on disk,
so the tests stay fast, yet their headers say 12,000 by 12,000 pixels.
"""

import html
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

Image = get_image_model()


@pytest.fixture(autouse=True)
def _no_remembered_renditions():
    """Wagtail remembers renditions in the cache by image id, and the test database hands out
    the same ids again: without this a test could see another test's renditions."""
    cache.clear()
    yield
    cache.clear()


def picture_bytes(image_format, size=(40, 30), mode="RGB", **save_options):
    buffer = BytesIO()
    PILImage.new(mode, size, "teal" if mode == "RGB" else 0).save(
        buffer, image_format, **save_options
    )
    return buffer.getvalue()


SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert("hello")</script><rect width="10" height="10"/></svg>'
)


def upload(admin_client, name, content):
    """Send a file through Wagtail's "Add an image" page, as an officer would."""
    return admin_client.post(
        "/admin/images/add/",
        {
            "title": "A picture",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def page_text(response):
    # Sizes such as "10.0 MB" come with a no-break space, so they are never split over two lines.
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def shown_errors(response):
    assert response.status_code == 200, "the form should come back with an error"
    return page_text(response)


def stored_files(settings):
    folder = settings.MEDIA_ROOT / "original_images"
    return list(folder.iterdir()) if folder.exists() else []


def animated_gif():
    buffer = BytesIO()
    frames = [PILImage.new("RGB", (20, 20), colour) for colour in ("red", "green", "blue")]
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


BAD_FILES = {
    "a 12,000 by 12,000 pixel picture": (
        "huge.png",
        lambda: picture_bytes("PNG", size=(12_000, 12_000), mode="1"),
        "This picture is too big (12,000 by 12,000 pixels). The biggest picture you can "
        "upload has 40 million pixels.",
    ),
    "a picture too big for Pillow even to open": (
        "enormous.png",
        lambda: picture_bytes("PNG", size=(14_000, 14_000), mode="1"),
        "This picture is too big. The biggest picture you can upload has 40 million pixels.",
    ),
    "a PNG renamed .jpg": (
        "photo.jpg",
        lambda: picture_bytes("PNG"),
        "This file's name ends in .jpg, but it is a PNG picture. Change the end of its name "
        "to .png, or save it again as the type its name says.",
    ),
    "an SVG": (
        "logo.svg",
        lambda: SVG,
        "You cannot upload SVG files: they can hold code that runs in the browser. "
        "Save the drawing as a PNG and upload that.",
    ),
    "an SVG renamed .png": (
        "logo.png",
        lambda: SVG,
        "You cannot upload SVG files: they can hold code that runs in the browser.",
    ),
    "a PDF renamed .png": (
        "leaflet.png",
        lambda: picture_bytes("PDF"),
        "This file is a PDF file, not a picture. Upload a picture saved as JPEG, PNG, WebP or GIF.",
    ),
    "a Word document": (
        "notes.docx",
        lambda: b"PK\x03\x04 not really a document",
        "You cannot upload this type of file. Upload a picture saved as JPEG, PNG, WebP or GIF.",
    ),
    "a TIFF renamed .png": (
        "scan.png",
        lambda: picture_bytes("TIFF"),
        "This file is a TIFF picture, which we cannot use. Save it again as JPEG, PNG, WebP or GIF",
    ),
    "a moving GIF": (
        "wave.gif",
        animated_gif,
        "This picture moves. Upload a still picture",
    ),
}


@pytest.mark.parametrize("name, make_content, message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_file_we_cannot_use_is_refused_with_a_plain_message(
    admin_client, settings, name, make_content, message
):
    response = upload(admin_client, name, make_content())

    assert message in shown_errors(response)
    assert not Image.objects.exists()
    assert stored_files(settings) == []


def test_a_file_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    noisy = PILImage.effect_noise((100, 100), 100).convert("RGB")
    buffer = BytesIO()
    noisy.save(buffer, "PNG")

    response = upload(admin_client, "noise.png", buffer.getvalue())

    assert (
        f"This file is too big ({len(buffer.getvalue()) / 1024:.1f} KB). The biggest file you "
        "can upload is 1.0 KB. Make the picture smaller and try again."
    ) in shown_errors(response)
    assert not Image.objects.exists()


def test_the_upload_page_says_what_officers_can_upload(admin_client):
    page = page_text(admin_client.get("/admin/images/add/"))

    assert (
        "Upload a JPEG, PNG, WebP or GIF picture, up to 10.0 MB and 40 million pixels. "
        "We remove hidden details from photos, such as where they were taken."
    ) in page


@pytest.mark.parametrize(
    "name, content, width, height",
    [
        ("photo.jpg", picture_bytes("JPEG", size=(64, 48)), 64, 48),
        ("photo.jpeg", picture_bytes("JPEG", size=(64, 48)), 64, 48),
        ("drawing.png", picture_bytes("PNG", size=(30, 50)), 30, 50),
        ("drawing.webp", picture_bytes("WEBP", size=(30, 50)), 30, 50),
        ("symbol.gif", picture_bytes("GIF", size=(30, 50), mode="P"), 30, 50),
    ],
)
def test_a_good_picture_is_kept(admin_client, settings, name, content, width, height):
    response = upload(admin_client, name, content)

    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.title, image.width, image.height) == ("A picture", width, height)
    assert len(stored_files(settings)) == 1


def test_the_multiple_uploader_and_the_chooser_refuse_the_same_files(admin_client):
    root = Collection.get_first_root_node().pk
    multiple = admin_client.post(
        "/admin/images/multiple/add/",
        {"collection": root, "files[]": SimpleUploadedFile("photo.jpg", picture_bytes("PNG"))},
    ).json()
    chooser = admin_client.post(
        "/admin/images/chooser/create/",
        {
            "image-chooser-upload-title": "Logo",
            "image-chooser-upload-collection": root,
            "image-chooser-upload-file": SimpleUploadedFile("logo.png", SVG),
        },
    ).json()

    assert multiple["success"] is False
    assert "but it is a PNG picture" in html.unescape(multiple["error_message"])
    assert "You cannot upload SVG files" in html.unescape(chooser["htmlFragment"])
    assert not Image.objects.exists()


def photo_with_location(image_format="JPEG"):
    """A phone photo, taken on its side (orientation 6: turn it 90° clockwise to view it),
    that says where it was taken, both in EXIF and in XMP."""
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "Officer's phone"
    exif[ExifTags.Base.Orientation] = 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 37.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (1.0, 8.0, 3.2)
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
        b'22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
        b'exif:GPSLatitude="52,37.2N"/></rdf:RDF></x:xmpmeta>'
    )
    photo = PILImage.new("RGB", (80, 40), "white")
    photo.paste("red", (0, 0, 40, 40))  # the left half is red, as the camera saw it
    buffer = BytesIO()
    photo.save(buffer, image_format, exif=exif, xmp=xmp, quality=95)
    return buffer.getvalue()


def hidden_details(content):
    """What a reader of the file could learn besides the picture itself."""
    with PILImage.open(BytesIO(content)) as picture:
        return {
            "exif": dict(picture.getexif()),
            "gps": dict(picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)),
            "info": sorted(set(picture.info) & {"exif", "xmp", "XML:com.adobe.xmp"}),
        }


def stored(file):
    with file.open("rb") as opened:
        return opened.read()


NO_HIDDEN_DETAILS = {"exif": {}, "gps": {}, "info": []}


@pytest.mark.parametrize("name, image_format", [("garden.jpg", "JPEG"), ("garden.webp", "WEBP")])
def test_the_kept_photo_has_no_location_and_is_turned_the_right_way(
    admin_client, name, image_format
):
    photo = photo_with_location(image_format)
    before = hidden_details(photo)
    assert before["gps"] == {1: "N", 2: (52.0, 37.0, 12.5), 3: "W", 4: (1.0, 8.0, 3.2)}
    assert before["exif"][ExifTags.Base.Make] == "Officer's phone"
    assert before["info"] == ["exif", "xmp"]

    upload(admin_client, name, photo)

    image = Image.objects.get()
    assert hidden_details(stored(image.file)) == NO_HIDDEN_DETAILS
    # Turned as the camera said: 40 wide, 80 high, the red half now on top.
    assert (image.width, image.height) == (40, 80)
    with PILImage.open(BytesIO(stored(image.file))) as kept:
        assert kept.size == (40, 80)
        red, green, blue = kept.convert("RGB").getpixel((20, 10))
        assert red > 200 and green < 60 and blue < 60


@pytest.mark.parametrize("spec", ["width-30", "width-30|format-jpeg", "width-30|format-webp"])
def test_renditions_of_an_uploaded_photo_have_no_location(admin_client, spec):
    upload(admin_client, "garden.jpg", photo_with_location())

    rendition = Image.objects.get().get_rendition(spec)

    assert hidden_details(stored(rendition.file)) == NO_HIDDEN_DETAILS


def test_a_png_keeps_its_transparency_but_not_its_hidden_details(admin_client):
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "Scanner"
    drawing = PILImage.new("RGBA", (20, 20), (0, 0, 0, 0))
    drawing.paste((0, 0, 255, 255), (0, 0, 10, 20))
    buffer = BytesIO()
    drawing.save(buffer, "PNG", exif=exif)

    upload(admin_client, "drawing.png", buffer.getvalue())

    image = Image.objects.get()
    assert hidden_details(stored(image.file)) == NO_HIDDEN_DETAILS
    with PILImage.open(BytesIO(stored(image.file))) as kept:
        assert kept.convert("RGBA").getpixel((15, 5))[3] == 0
        assert kept.convert("RGBA").getpixel((5, 5)) == (0, 0, 255, 255)


def test_a_picture_with_no_hidden_details_is_kept_as_it_came(admin_client):
    drawing = picture_bytes("PNG", size=(30, 50), dpi=(72, 72))

    upload(admin_client, "drawing.png", drawing)

    assert stored(Image.objects.get().file) == drawing


def test_a_phone_photo_with_a_second_hidden_picture_is_kept(admin_client):
    """Some phones save a JPEG (Pillow calls it MPO) with a depth map as a second frame:
    it is a still photo, not a moving picture."""
    photo, depth = PILImage.new("RGB", (60, 40), "teal"), PILImage.new("RGB", (60, 40), "gray")
    buffer = BytesIO()
    photo.save(buffer, "MPO", save_all=True, append_images=[depth])
    assert PILImage.open(BytesIO(buffer.getvalue())).n_frames == 2

    response = upload(admin_client, "phone.jpg", buffer.getvalue())

    assert response.status_code == 302
    assert (Image.objects.get().width, Image.objects.get().height) == (60, 40)
