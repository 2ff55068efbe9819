"""Source documents that commitments quote, with their archived text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    """A document from the ledger's ``[sources.ID]`` table.

    ``archive`` is the path of the archived text, relative to the ledger's folder (empty
    when none is kept); ``date`` is the day the document was published, which is the day
    its pledges were made; ``url`` where it was published (http or https; may be empty).
    """

    id: str
    title: str
    publisher: str
    date: dt.date
    archive: str = ""
    url: str = ""


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a source's address (None when it can): it must be an
    absolute http or https URL with a host and no white space."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        return f"{url!r} is not a web address; give an http:// or https:// URL"
    return None


_FOLD = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "})


def fold_text(text: str) -> str:
    """Fold what a quotation may differ in without changing its words.

    Typographic double and single quotes become straight ones, non-breaking spaces plain
    spaces, and each run of white space one space. Nothing else is changed.
    """
    return " ".join(text.translate(_FOLD).split())


def quote_found(quote: str, archived_text: str) -> bool:
    """True when ``quote`` occurs verbatim in ``archived_text``, up to :func:`fold_text`."""
    return fold_text(quote) in fold_text(archived_text)
