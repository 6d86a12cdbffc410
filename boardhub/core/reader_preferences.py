"""Larger text and high contrast: choices a reader makes once and keeps on every page.

They live in one cookie each, so they work without JavaScript and without an account.
"""

from dataclasses import dataclass

from django.conf import settings

TEXT_SIZE_COOKIE = "boardhub_text_size"
CONTRAST_COOKIE = "boardhub_contrast"
ONE_YEAR = 60 * 60 * 24 * 365

# What each preference may be set to; anything else is ignored.
CHOICES = {
    TEXT_SIZE_COOKIE: {"standard", "large"},
    CONTRAST_COOKIE: {"standard", "high"},
}


@dataclass(frozen=True)
class ReaderPreferences:
    large_text: bool = False
    high_contrast: bool = False

    @classmethod
    def from_request(cls, request):
        return cls(
            large_text=request.COOKIES.get(TEXT_SIZE_COOKIE) == "large",
            high_contrast=request.COOKIES.get(CONTRAST_COOKIE) == "high",
        )

    @property
    def html_classes(self):
        classes = []
        if self.large_text:
            classes.append("text-large")
        if self.high_contrast:
            classes.append("contrast-high")
        return " ".join(classes)


def store(response, name, value):
    """Remember one preference on the response, if it is a known choice."""
    if value in CHOICES.get(name, ()):
        response.set_cookie(
            name,
            value,
            max_age=ONE_YEAR,
            samesite="Lax",
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
        )
