"""Wagtail's database search backend, safe for any words typed into a search box.

On SQLite, the backend puts each word between double quotes in an FTS5 MATCH query, escaping
single quotes but not double ones, so a search for `"care`, `care"s` or a lone `"` makes FTS5
fail with "unterminated string" (a 503 page instead of results). In FTS5 a double quote inside
a quoted word is written twice, which is done here before the backend builds its query; FTS5's
tokenizer then treats the quote as the space between words, as PostgreSQL's does. NUL, which
ends the query early, is taken out (it never reaches here from a request: see
boardhub.core.typed_text). On PostgreSQL and elsewhere the backend is Wagtail's own: every
search there already takes any text.

Every search on the site goes through this: the site search, the easy-read guides and the
admin's listing search boxes (WAGTAILSEARCH_BACKENDS).
"""

from functools import cache

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.query import Phrase, PlainText


def fts5_words(text):
    """`text` as words FTS5 reads inside double quotes: quotes doubled, NUL taken out."""
    return text.replace("\x00", "").replace('"', '""')


class QuoteSafeCompilerMixin:
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            query = PlainText(
                fts5_words(query.query_string), operator=query.operator, boost=query.boost
            )
        elif isinstance(query, Phrase):
            query = Phrase(fts5_words(query.query_string))
        return super().build_search_query_content(query, config=config)


@cache
def quote_safe_sqlite_backend_class():
    """Made on first use, on SQLite only: importing the SQLite backend looks up its full-text
    index model, which only exists on SQLite."""
    from modelsearch.backends.database.sqlite import sqlite

    class QuoteSafeSQLiteSearchQueryCompiler(
        QuoteSafeCompilerMixin, sqlite.SQLiteSearchQueryCompiler
    ):
        pass

    class QuoteSafeSQLiteAutocompleteQueryCompiler(
        QuoteSafeCompilerMixin, sqlite.SQLiteAutocompleteQueryCompiler
    ):
        pass

    class QuoteSafeSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
        query_compiler_class = QuoteSafeSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = QuoteSafeSQLiteAutocompleteQueryCompiler

    return QuoteSafeSQLiteSearchBackend


def SearchBackend(params):  # the name Wagtail looks for in a backend's module
    """The database backend Wagtail would choose, with SQLite's made safe for quotes."""
    backend = database_search_backend(params)
    if connection.vendor != "sqlite":
        return backend
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    if isinstance(backend, SQLiteSearchBackend):  # not the fallback, without FTS5
        return quote_safe_sqlite_backend_class()(params)
    return backend
