"""Invitations to join the board. (Being built: see issue 3.)"""


def invitation_in_session(request):
    """The valid invitation this visitor arrived with, if any."""
    return None
