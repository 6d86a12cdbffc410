from django.utils.functional import SimpleLazyObject

from .reader_preferences import ReaderPreferences
from .templatetags.board_tags import name_of_board


def reader_preferences(request):
    """The reader's chosen text size and colours, so every page can apply them."""
    return {"reader_preferences": ReaderPreferences.from_request(request)}


def board(request):
    """`board_name`: the board's name, the one the public read on every page (never the
    software's name, "BoardHub"). Worked out only if the page uses it."""
    return {"board_name": SimpleLazyObject(lambda: name_of_board(request))}
