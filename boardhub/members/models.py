from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower


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
