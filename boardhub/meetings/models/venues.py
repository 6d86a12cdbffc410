"""Where meetings are held, and what a person needs to know to get in and be comfortable.

Each accessibility fact is answered yes, no or "ask us", and is said in the same plain words,
with the same icon, on every page that shows it (`ACCESS_FACTS`, read by
templates/meetings/includes/access_facts.html): the words carry the answer, never a colour.
"""

from dataclasses import dataclass

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class AccessAnswer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    ASK = "ask", "Ask us"


@dataclass(frozen=True)
class AccessFact:
    """One accessibility fact: its field, the question an officer answers, and what the
    public reads for each answer."""

    field: str
    question: str
    yes: str
    no: str
    icon: str  # static/img/access/<icon>.svg

    def words(self, answer):
        if answer == AccessAnswer.YES:
            return self.yes
        if answer == AccessAnswer.NO:
            return self.no
        return f"{self.question} Ask us before the meeting."


ACCESS_FACTS = (
    AccessFact(
        "step_free_entrance",
        "Is there a step-free way in?",
        "There is a step-free way in.",
        "There is no step-free way in.",
        "step-free",
    ),
    AccessFact(
        "lift",
        "Is there a lift to the meeting room?",
        "There is a lift to the meeting room.",
        "There is no lift to the meeting room.",
        "lift",
    ),
    AccessFact(
        "accessible_toilet",
        "Is there an accessible toilet?",
        "There is an accessible toilet.",
        "There is no accessible toilet.",
        "toilet",
    ),
    AccessFact(
        "changing_place",
        "Is there a Changing Places toilet (with a hoist and a bench)?",
        "There is a Changing Places toilet, with a hoist and a bench.",
        "There is no Changing Places toilet.",
        "changing-place",
    ),
    AccessFact(
        "hearing_loop",
        "Is there a hearing loop in the meeting room?",
        "There is a hearing loop in the meeting room.",
        "There is no hearing loop.",
        "hearing-loop",
    ),
    AccessFact(
        "quiet_room",
        "Is there a quiet room to take a break in?",
        "There is a quiet room you can use for a break.",
        "There is no quiet room.",
        "quiet-room",
    ),
    AccessFact(
        "seating_with_arms",
        "Are there chairs with arms?",
        "There are chairs with arms.",
        "There are no chairs with arms.",
        "chair",
    ),
    AccessFact(
        "good_lighting",
        "Is the room well lit, without glare?",
        "The room is well lit, without glare.",
        "The lighting in the room may be dim or bright.",
        "lighting",
    ),
    AccessFact(
        "assistance_dogs",
        "Are assistance dogs welcome?",
        "Assistance dogs are welcome.",
        "Assistance dogs cannot come in.",
        "dog",
    ),
)


def access_answer_field(fact):
    return models.CharField(
        fact.question.rstrip("?"),
        max_length=3,
        choices=AccessAnswer.choices,
        default=AccessAnswer.ASK,
        help_text='Choose "Ask us" if you are not sure.',
    )


class Venue(index.Indexed, models.Model):
    """A place the board meets, reused by every meeting held there."""

    name = models.CharField(
        max_length=150, help_text="For example: 'Brookside community hub, main hall'."
    )
    address = models.TextField(max_length=500, help_text="The full address, one line a line.")
    postcode = models.CharField(max_length=10)
    how_to_get_there = models.TextField(
        "how to get there",
        max_length=2000,
        help_text=(
            "Buses and the nearest stop, parking, blue badge spaces, where to be dropped off."
        ),
    )
    step_free_entrance = access_answer_field(ACCESS_FACTS[0])
    lift = access_answer_field(ACCESS_FACTS[1])
    accessible_toilet = access_answer_field(ACCESS_FACTS[2])
    changing_place = access_answer_field(ACCESS_FACTS[3])
    hearing_loop = access_answer_field(ACCESS_FACTS[4])
    quiet_room = access_answer_field(ACCESS_FACTS[5])
    seating_with_arms = access_answer_field(ACCESS_FACTS[6])
    good_lighting = access_answer_field(ACCESS_FACTS[7])
    assistance_dogs = access_answer_field(ACCESS_FACTS[8])
    entrance_photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: a photo of the way in, so people know it when they arrive.",
    )
    entrance_photo_alt = models.CharField(
        "describe the entrance photo",
        max_length=250,
        blank=True,
        help_text="What the photo shows, for people who cannot see it.",
    )
    room_photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: a photo of the meeting room.",
    )
    room_photo_alt = models.CharField(
        "describe the room photo",
        max_length=250,
        blank=True,
        help_text="What the photo shows, for people who cannot see it.",
    )
    contact_on_the_day = models.CharField(
        "contact on the day",
        max_length=150,
        help_text="Who to ask for on the day, by role. For example: 'The board team'.",
    )
    contact_phone = models.CharField(
        "their phone number",
        max_length=30,
        help_text="A council number people can ring on the day, never a personal mobile.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("postcode"),
        FieldPanel("how_to_get_there"),
        MultiFieldPanel([FieldPanel(fact.field) for fact in ACCESS_FACTS], heading="Accessibility"),
        MultiFieldPanel(
            [
                FieldPanel("entrance_photo"),
                FieldPanel("entrance_photo_alt"),
                FieldPanel("room_photo"),
                FieldPanel("room_photo_alt"),
            ],
            heading="Photos",
        ),
        FieldPanel("contact_on_the_day"),
        FieldPanel("contact_phone"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("postcode"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def access_facts(self):
        """(fact, answer, words) for each fact, in the same order on every page."""
        return [
            (fact, getattr(self, fact.field), fact.words(getattr(self, fact.field)))
            for fact in ACCESS_FACTS
        ]

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        for photo, alt in (
            ("entrance_photo", "entrance_photo_alt"),
            ("room_photo", "room_photo_alt"),
        ):
            if getattr(self, f"{photo}_id") and not getattr(self, alt).strip():
                errors[alt] = "Describe the photo for people who cannot see it."
        if errors:
            raise ValidationError(errors)
