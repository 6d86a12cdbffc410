"""The ways a person can hear back from the board, in the words officers and members read."""

from django.db import models


class ReplyBy(models.TextChoices):
    """How someone wants to hear back, as an officer records it or a visitor says it."""

    POST = "post", "By post (a letter)"
    PHONE = "phone", "By phone call"
    TEXT = "text", "By text message"
    EMAIL = "email", "By email"
    SUPPORTER = "supporter", "Through their supporter"
    NOT_AT_ALL = "none", "They do not want to hear back"
