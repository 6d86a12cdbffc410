"""Who may see what of the board's make-up. The public page shows the suppressed summary to
anyone; the officers' view, with the detailed groups and the gaps ranked, needs
representation.view_board_make_up (Moderators and Feedback handlers, by a data migration)."""

VIEW_MAKE_UP = "representation.view_board_make_up"


def may_see_make_up(user):
    return user.is_active and user.has_perm(VIEW_MAKE_UP)
