from .reader_preferences import ReaderPreferences


def reader_preferences(request):
    """The reader's chosen text size and colours, so every page can apply them."""
    return {"reader_preferences": ReaderPreferences.from_request(request)}
