"""Sections that apps above feedback add to a response's page in the admin.

Feedback may not import the apps above it, yet a response's page must show what they hold of
it (impact: the changes it is linked to, and a way to link it to another). Each registers a
function of the request and the response giving a `ResponseSection`, or None when it has
nothing to say to this officer, from its AppConfig.ready(); the page renders every section
the same way (a heading, a list, the actions), so no upper app ships a template here. A
section counts only what the officer may open, and costs a bounded number of queries.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SectionItem:
    text: str
    url: str = ""
    status: str = ""  # in words, never shown by colour alone


@dataclass(frozen=True)
class SectionAction:
    label: str
    url: str


@dataclass(frozen=True)
class ResponseSection:
    key: str
    heading: str
    items: list = field(default_factory=list)
    empty: str = ""
    actions: list = field(default_factory=list)
    hint: str = ""


class ResponseSections:
    def __init__(self):
        self._sources = []

    def register(self, source):
        """Add `source(request, feedback)`, giving a ResponseSection or None."""
        self._sources.append(source)
        return source

    def for_response(self, request, feedback):
        sections = (source(request, feedback) for source in self._sources)
        return [section for section in sections if section is not None]


response_sections = ResponseSections()
