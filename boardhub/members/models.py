from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.deconstruct import deconstructible

from .choices import (
    AgeBand,
    ContactMethod,
    Disability,
    EthnicGroup,
    Format,
    LivedExperience,
    Sex,
    UnpaidCare,
)


class MemberManager(UserManager):
    """Creates users by email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Every account needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """Anyone with an account: board members, officers and administrators.

    People sign in with their email address. `display_name` is the name the site shows
    them by; first and last names are kept for officers' records.
    """

    username = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        max_length=100,
        blank=True,
        help_text="The name we use when we talk to you on the site.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = MemberManager()

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="members_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_short_name() or self.email

    def get_short_name(self):
        return self.display_name or self.first_name

    def get_full_name(self):
        full_name = super().get_full_name()
        return full_name or self.display_name


# Whoever may use the admin (Wagtail's wagtailadmin.access_admin): officers, named by role.
# Everyone else with an account is a board member.
ADMIN_ACCESS = {"codename": "access_admin", "content_type__app_label": "wagtailadmin"}
OFFICERS = (
    Q(is_staff=True)
    | Q(is_superuser=True)
    | Q(**{f"groups__permissions__{key}": value for key, value in ADMIN_ACCESS.items()})
    | Q(**{f"user_permissions__{key}": value for key, value in ADMIN_ACCESS.items()})
)


def board_members():
    """The board's members now: active accounts of people who are not officers."""
    officers = User.objects.filter(OFFICERS).values("pk")
    return User.objects.filter(is_active=True).exclude(pk__in=officers)


@deconstructible
class ChoicesListValidator:
    """Checks a JSON list of choices holds only known values, each once."""

    def __init__(self, choices):
        self.choices = choices

    def __call__(self, values):
        known = {value for value, __ in self.choices}
        unique = set(values) if isinstance(values, list) else None
        if unique is None or not unique <= known or len(unique) != len(values):
            raise ValidationError("Choose from the options given.")

    def __eq__(self, other):
        return isinstance(other, ChoicesListValidator) and self.choices == other.choices


class MemberProfile(models.Model):
    """What a member tells us so that we can work with them well. Only they and officers see it."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    pronouns = models.CharField(max_length=40, blank=True)
    contact_method = models.CharField(
        "how we should contact you",
        max_length=20,
        choices=ContactMethod.choices,
        default=ContactMethod.EMAIL,
    )
    phone = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(blank=True, max_length=500)
    supporter_name = models.CharField(
        "name of the person who supports you", max_length=100, blank=True
    )
    supporter_contact = models.CharField("how to contact them", max_length=200, blank=True)
    formats = models.JSONField(
        "formats that work for you",
        default=list,
        blank=True,
        validators=[ChoicesListValidator(Format.choices)],
    )
    other_language = models.CharField(max_length=60, blank=True)
    communication_needs = models.TextField(
        "anything else that helps you take part", blank=True, max_length=2000
    )
    lived_experience = models.JSONField(
        "what you bring to the board",
        default=list,
        blank=True,
        validators=[ChoicesListValidator(LivedExperience.choices)],
    )
    notify_feedback_updates = models.BooleanField(
        "tell me when something I said moves on or changes something", default=True
    )
    notify_new_consultations = models.BooleanField(
        "tell me when there is something new to give my views on", default=True
    )
    notify_meetings = models.BooleanField("tell me about board meetings", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Profile of {self.user}"


class EqualityMonitoring(models.Model):
    """Optional answers that show whether the board reflects the people it speaks for.

    Kept only with the member's explicit consent; withdrawing consent deletes the row.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="equality")
    consented_at = models.DateTimeField()
    age_band = models.CharField(max_length=20, choices=AgeBand.choices)
    sex = models.CharField(max_length=20, choices=Sex.choices)
    ethnic_group = models.CharField(max_length=40, choices=EthnicGroup.choices)
    disability = models.CharField(max_length=20, choices=Disability.choices)
    unpaid_carer = models.CharField(max_length=20, choices=UnpaidCare.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "equality monitoring answers"
        verbose_name_plural = "equality monitoring answers"

    def __str__(self):
        return "Equality monitoring answers"
