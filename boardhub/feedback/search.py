"""Finding a response by its reference or by words in its answers.

One function, `search_responses`, used by the triage listing and by any chooser that lets an
officer pick a response (impact's change-linking chooser imports it from here, never from the
viewsets). The invariants: a reference typed exactly finds that one response alone; otherwise
every word must appear in the answers, and only in the answers: never in the questions' names,
which every response's stored answers share as keys (searching "works" must not find every
response to "What works well for you?"). PostgreSQL does it with its full-text search over the
answers' string values (websearch syntax, so quotes and "-word" work as officers expect from a
search engine); SQLite, used in development and tests, falls back to case-insensitive matching
of each word in the answers' values.
"""

from django.conf import settings
from django.db.models import F, Func, Q, TextField


def _on_postgresql():
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


class AnswersVector(Func):
    """PostgreSQL's to_tsvector over the answers' JSON, which reads its string values only."""

    function = "to_tsvector"

    def __init__(self, expression, **extra):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(expression, output_field=SearchVectorField(), **extra)


class AnswersValuesText(Func):
    """SQLite: the answers' values run together, never their keys (json_each; a nested list
    stays as JSON text, which still holds its words)."""

    template = "(SELECT group_concat(value, ' ') FROM json_each(%(expressions)s))"
    output_field = TextField()


def search_responses(queryset, query):
    """Responses whose reference is `query` exactly (that one alone) or, failing that, whose
    answers contain its words: PostgreSQL's full-text search there, plain text matching on
    SQLite."""
    query = query.strip()
    if not query:
        return queryset
    by_reference = queryset.filter(reference__iexact=query)
    if by_reference.exists():
        return by_reference
    if _on_postgresql():
        from django.contrib.postgres.search import SearchQuery

        return queryset.annotate(answers_search=AnswersVector(F("form_data"))).filter(
            answers_search=SearchQuery(query, search_type="websearch")
        )
    words = Q()
    for word in query.split():
        words &= Q(answers_text__icontains=word)
    return queryset.annotate(answers_text=AnswersValuesText(F("form_data"))).filter(words)
