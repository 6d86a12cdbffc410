"""Who may do what with the messages sent to people: one place, asked by the views and the
dashboard count. Seeing the "to contact" list shows people's phone numbers and addresses, so
it needs its own permission (given to the feedback groups by migration 0002), not only the
admin."""

CONTACT_BY_HAND = "notifications.contact_by_hand"


def can_contact_by_hand(user):
    return bool(user and user.is_active and user.has_perm(CONTACT_BY_HAND))
