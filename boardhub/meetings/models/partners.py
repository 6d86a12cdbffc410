"""The organisations the board holds to account: each owns the actions promised for it."""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Partner(index.Indexed, models.Model):
    """An organisation and the named role in it who answers for its actions: "Larkfield
    Council adult social care, Director of Adult Social Services". Never a private person's
    contact details: the role is public, the council contact is a team's address."""

    name = models.CharField(
        "organisation",
        max_length=150,
        unique=True,
        help_text="For example: 'Larkfield NHS Trust' or 'Larkfield Council adult social care'.",
    )
    slug = models.SlugField(
        max_length=150,
        unique=True,
        blank=True,
        help_text="Used in web addresses. Leave blank to make it from the name.",
    )
    role = models.CharField(
        "named role",
        max_length=150,
        help_text=(
            "The role that answers for its actions, e.g. 'Director of Adult Social Services'."
        ),
    )
    about = models.TextField(
        max_length=600,
        blank=True,
        help_text="Optional: one or two plain sentences on what the organisation does.",
    )
    council_contact_email = models.EmailField(
        "council contact's email",
        blank=True,
        help_text=(
            "A team's address at the council that hears each week about this partner's overdue "
            "actions. Never shown to the public."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("about"),
        FieldPanel("council_contact_email"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:150]
        super().save(*args, **kwargs)
