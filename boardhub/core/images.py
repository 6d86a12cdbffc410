"""Pictures on the public site, and checks on the pictures officers upload.

`picture_renditions` makes the renditions that templates/includes/picture.html shows.
`ImageForm` (WAGTAILIMAGES_IMAGE_FORM_BASE) checks every upload and keeps no hidden details.
"""

import warnings
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import prefetch_related_objects
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage
from PIL import ImageOps, JpegImagePlugin
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.images.models import AbstractImage, Filter
from wagtail.images.shortcuts import get_renditions_or_not_found

DEFAULT_WIDTHS = "300,600"


@dataclass
class PictureRenditions:
    """One picture at several widths: WebP, and a fallback for browsers that cannot show WebP."""

    webp: list
    fallback: list

    @property
    def largest(self):
        """The fallback <img> uses the largest size: CSS scales it down, never up."""
        return self.fallback[-1]

    @staticmethod
    def srcset(renditions):
        return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions)

    @property
    def webp_srcset(self):
        return self.srcset(self.webp)

    @property
    def fallback_srcset(self):
        return self.srcset(self.fallback)


def picture_renditions(image, widths=DEFAULT_WIDTHS):
    """`image` at each of `widths` (a string such as "300,600"), as WebP and as a fallback."""
    fallback_format = _fallback_format(image)
    width_list = sorted({int(width) for width in str(widths).split(",") if width.strip()})
    webp_specs = [f"width-{width}|format-webp" for width in width_list]
    fallback_specs = [f"width-{width}|format-{fallback_format}" for width in width_list]
    renditions = get_renditions_or_not_found(
        image, [image_filter(spec) for spec in webp_specs + fallback_specs]
    )
    return PictureRenditions(
        webp=_distinct_widths(renditions[spec] for spec in webp_specs),
        fallback=_distinct_widths(renditions[spec] for spec in fallback_specs),
    )


def images_in(stream):
    """The pictures in a StreamField's top-level blocks: chosen images, and the images of
    struct blocks (a figure, an easy-read row). Wagtail fetches them all in one query."""
    for block in stream:
        value = block.value
        if isinstance(value, AbstractImage):
            yield value
        elif hasattr(value, "values"):
            yield from (part for part in value.values() if isinstance(part, AbstractImage))


def prefetch_renditions(images):
    """Read the renditions of all `images` in one query, so that showing each picture then
    costs none. Without it, each picture reads its renditions from the cache, and Wagtail
    writes them all back again every time."""
    images = [image for image in images if image is not None]
    if images:
        prefetch_related_objects(images, "renditions")


@lru_cache(maxsize=128)
def image_filter(spec):
    """Wagtail's Filter for `spec`, made once for each spec rather than for each picture:
    making one inspects every operation's signature, which took most of the time a page of 50
    pictures spent on them. A Filter keeps nothing about any picture, so one can be shared;
    the specs come from templates, so there are only a few."""
    return Filter(spec=spec)


def _fallback_format(image):
    # Photos stay JPEG. Everything else (PNG drawings, GIFs, WebP uploads) falls back to PNG,
    # which keeps transparency and sharp lines. A GIF's rendition is its first frame only:
    # pictures on the site never move (WCAG 2.2.2).
    return "jpeg" if name_ending(image.file.name) in {"jpg", "jpeg"} else "png"


def _distinct_widths(renditions):
    # Wagtail never enlarges a picture, so a small original gives the same width twice:
    # a srcset must not list one width twice.
    by_width = {}
    for rendition in renditions:
        by_width.setdefault(rendition.width, rendition)
    return list(by_width.values())


# Uploads: every way officers add a picture in the admin (the upload page, the multiple
# uploader, the chooser's upload tab, replacing a file) builds its form on ImageForm.

ALLOWED_FORMATS_TEXT = "JPEG, PNG, WebP or GIF"
# Pillow's names for the formats we take: what we call each, and the endings its name may have.
# MPO is how Pillow reads the JPEG files that some phones and cameras make.
FORMATS = {
    "JPEG": ("JPEG", {"jpg", "jpeg"}),
    "MPO": ("JPEG", {"jpg", "jpeg"}),
    "PNG": ("PNG", {"png"}),
    "WEBP": ("WebP", {"webp"}),
    "GIF": ("GIF", {"gif"}),
}
SVG_MESSAGE = (
    "You cannot upload SVG files: they can hold code that runs in the browser. "
    "Save the drawing as a PNG and upload that."
)
ANIMATED_MESSAGE = (
    "This picture moves. Upload a still picture: moving pictures distract many readers, "
    "and the site would only show the first frame."
)


class ImageForm(BaseImageForm):
    """Wagtail's image form, with our file field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            wagtails = self.fields["file"]
            self.fields["file"] = PictureFileField(
                label=wagtails.label, required=wagtails.required, widget=wagtails.widget
            )


class PictureFileField(WagtailImageField):
    """Wagtail's image file field with plain-English messages, checks made from the file's
    header before anything decodes the picture, and hidden details (EXIF, such as where a
    photo was taken) removed from the file we keep."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.help_text = (
            f"Upload a {ALLOWED_FORMATS_TEXT} picture, up to {self.max_upload_size_text} and "
            f"{self.max_image_pixels // 1_000_000} million pixels. We remove hidden details "
            "from photos, such as where they were taken."
        )
        # The multiple uploader shows these two itself, before it sends a file.
        self.error_messages["invalid_image_extension"] = (
            "You cannot upload this type of file. "
            f"Upload a picture saved as {ALLOWED_FORMATS_TEXT}."
        )
        self.error_messages["file_too_large_unknown_size"] = (
            f"This file is too big. The biggest file you can upload is {self.max_upload_size_text}."
        )

    def to_python(self, data):
        if data in self.empty_values:
            return super().to_python(data)
        self.check_name(data.name)
        self.check_image_file_size(data)
        self.check_picture(data)
        data.seek(0)
        # Wagtail's own checks come next; a file that passed ours passes them.
        return without_hidden_details(super().to_python(data))

    def check_name(self, name):
        ending = name_ending(name)
        if ending == "svg":
            raise ValidationError(SVG_MESSAGE, code="invalid_image_extension")
        if ending not in self.allowed_image_extensions:
            raise ValidationError(
                self.error_messages["invalid_image_extension"], code="invalid_image_extension"
            )

    def check_image_file_size(self, f):
        if self.max_upload_size is not None and f.size > self.max_upload_size:
            raise ValidationError(
                f"This file is too big ({filesizeformat(f.size)}). The biggest file you can "
                f"upload is {self.max_upload_size_text}. Make the picture smaller and try again.",
                code="file_too_large",
            )

    def check_picture(self, data):
        """Read the picture's header, not its pixels, and refuse what we cannot use."""
        data.seek(0)
        try:
            with warnings.catch_warnings():
                # Pillow warns about very large pictures: check_pixels refuses them.
                warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
                with PILImage.open(data) as picture:
                    check_name_matches(data.name, picture.format)
                    self.check_pixels(picture.width, picture.height)
                    # Not MPO: a phone's JPEG may hold a second picture (a depth map), unseen.
                    if picture.format != "MPO" and getattr(picture, "is_animated", False):
                        raise ValidationError(ANIMATED_MESSAGE, code="animated_image")
        except PILImage.DecompressionBombError:
            # Too big for Pillow even to open: more than twice its own limit.
            self.check_pixels(None, None)
        except PILImage.UnidentifiedImageError:
            raise ValidationError(not_a_picture_message(data), code="invalid_image") from None

    def check_pixels(self, width, height):
        if self.max_image_pixels is None:
            return
        if width is not None and width * height <= self.max_image_pixels:
            return
        size = f" ({width:,} by {height:,} pixels)" if width is not None else ""
        raise ValidationError(
            f"This picture is too big{size}. The biggest picture you can upload has "
            f"{self.max_image_pixels // 1_000_000:,} million pixels. "
            "Make it smaller and try again.",
            code="file_too_many_pixels",
        )


def name_ending(name):
    return PurePath(name).suffix.lower().lstrip(".")


def check_name_matches(name, picture_format):
    ending = name_ending(name)
    our_name, endings = FORMATS.get(picture_format, (picture_format, set()))
    if ending in endings:
        return
    if not endings:
        message = (
            f"This file is a {our_name} picture, which we cannot use. "
            f"Save it again as {ALLOWED_FORMATS_TEXT} and upload that."
        )
    else:
        message = (
            f"This file's name ends in .{ending}, but it is a {our_name} picture. "
            f"Change the end of its name to .{sorted(endings)[0]}, or save it again as "
            "the type its name says."
        )
    raise ValidationError(message, code="invalid_image_known_format")


def not_a_picture_message(data):
    data.seek(0)
    head = data.read(4096)
    if b"<svg" in head.lower():
        return SVG_MESSAGE
    kind = filetype.guess(head)
    what = (
        f"a {kind.extension.upper()} file, not a picture" if kind else "not a picture we can read"
    )
    return f"This file is {what}. Upload a picture saved as {ALLOWED_FORMATS_TEXT}."


# What Pillow reads from a file that only says how to show the picture. Anything else (EXIF,
# XMP, IPTC, comments, PNG text) could say who took it, when or where, so it is removed.
HARMLESS_DETAILS = {
    "adobe", "adobe_transform", "background", "dpi", "gamma", "icc_profile", "jfif",
    "jfif_density", "jfif_unit", "jfif_version", "loop", "progression", "progressive", "srgb",
    "transparency",
}  # fmt: skip


def without_hidden_details(uploaded):
    """The uploaded picture, saved again without EXIF (camera, time, GPS location) or other
    metadata if it had any, turned the way the camera said. GIFs, which cameras never make,
    stay as they are."""
    uploaded.seek(0)
    with PILImage.open(uploaded) as original:
        if original.format == "GIF" or not has_hidden_details(original):
            uploaded.seek(0)
            return uploaded
        picture = ImageOps.exif_transpose(original)
        # Pillow may write again what it read: keep only transparency, and the colour profile
        # below, which change how the picture looks and say nothing about who took it.
        picture.info = (
            {"transparency": original.info["transparency"]}
            if "transparency" in original.info
            else {}
        )
        saved = BytesIO()
        picture.save(saved, icc_profile=original.info.get("icc_profile"), **save_options(original))
    return SimpleUploadedFile(uploaded.name, saved.getvalue(), uploaded.content_type)


def has_hidden_details(picture):
    return bool(picture.getexif()) or not set(picture.info) <= HARMLESS_DETAILS


def save_options(original):
    # Only renditions are shown on the site, so the kept file is saved for fidelity and
    # speed (a 40-megapixel picture must save within the request), not for size.
    if original.format in {"JPEG", "MPO"}:
        # The original's own compression settings: saving again loses next to nothing.
        return {
            "format": "JPEG",
            "qtables": original.quantization,
            "subsampling": JpegImagePlugin.get_sampling(original),
        }
    if original.format == "WEBP":
        # Lossless; with lossless on, quality 0 means "least effort", the fastest.
        return {"format": "WEBP", "lossless": True, "quality": 0, "method": 0}
    return {"format": "PNG", "compress_level": 1}
