from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from wagtail.search import index


class Service(index.Indexed, models.Model):
    """A council service or strategy that consultations, and later "you said, we did", are about."""

    name = models.CharField(
        max_length=150,
        unique=True,
        help_text="The name people know it by. For example: 'Direct payments'.",
    )
    slug = models.SlugField(
        max_length=150,
        unique=True,
        blank=True,
        help_text="Used in web addresses. Leave blank to make it from the name.",
    )
    description = models.TextField(
        max_length=300,
        help_text="One or two plain sentences that say what the service does and who it is for.",
    )
    team = models.CharField(
        "owning team",
        max_length=150,
        help_text="The council team that runs it. For example: 'Adult social care'.",
    )
    url = models.URLField(
        "web page",
        blank=True,
        help_text="Optional: a page on the council's website about this service.",
    )
    easy_read_guide = models.ForeignKey(
        "easyread.EasyReadGuidePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="standard_services",
        verbose_name="easy read version",
        help_text="Optional: the easy read guide about this service.",
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("team"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "service"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:150]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.slug:
            self.slug = slugify(self.name)[:150]
        if Service.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
            raise ValidationError(
                {"slug": "Another service already uses this web address. Choose a different one."}
            )
