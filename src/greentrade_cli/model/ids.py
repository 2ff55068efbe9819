"""Commitment ids: deriving a readable, unused id from an agency and a title."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence

from greentrade_cli.errors import DataError, UsageError

ID_FORMAT = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
"""What an id of a commitment or a source may be: lower-case words of letters and digits,
joined by ``-`` or ``.``."""
MAX_ID_LENGTH = 100
"""The most characters an id may have. gt names files after ids (``pledge/ID.html``,
``sources/ID.txt``, ``ledger/ID.toml``), and a file name holds at most 255 bytes."""
MAX_WORDS = 6
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "its",
        "of",
        "on",
        "or",
        "our",
        "the",
        "their",
        "to",
        "under",
        "we",
        "will",
        "with",
    ]
)


_JOINED = re.compile(r"(?<=[A-Za-z0-9])['\u2019](?=[A-Za-z])|(?<=[0-9]),(?=[0-9]{3})")
"""What joins the parts of one word: an apostrophe (``coal's`` is ``coals``) and a
thousands separator (``2,000`` is ``2000``)."""


def title_words(title: str) -> list[str]:
    """The words of ``title`` as lower-case ASCII (accents dropped, apostrophes and
    thousands separators removed: ``coal's`` -> ``coals``, ``2,000`` -> ``2000``, ``5%`` ->
    ``5``; a decimal keeps its point), leaving out short function words unless nothing else is left."""
    joined = _JOINED.sub("", title)
    ascii_text = unicodedata.normalize("NFKD", joined).encode("ascii", "ignore").decode()
    words = re.findall(r"[0-9]+\.[0-9]+|[a-z0-9]+", ascii_text.lower())
    return [w for w in words if w not in STOP_WORDS] or words


def id_length_problem(ident: str) -> str | None:
    """Why ``ident`` is too long to be an id, or None when it is short enough."""
    if len(ident) <= MAX_ID_LENGTH:
        return None
    return (
        f"{len(ident)} characters is too long; an id has at most {MAX_ID_LENGTH}, as gt "
        "names files after it; shorten it"
    )


def _fit(base: str, suffix: str = "") -> str:
    """``base`` cut to leave room for ``suffix`` within :data:`MAX_ID_LENGTH`, then ``suffix``."""
    return base[: MAX_ID_LENGTH - len(suffix)].rstrip("-.") + suffix


def derive_id(agency: str, title: str, taken: Collection[str], instead: Sequence[str] = ()) -> str:
    """An id for a new commitment: the agency code and the first six words of the title,
    joined by ``-`` (``mofcom-reduce-tariffs-apec-environmental-goods-list``).

    A title with no Latin letters or digits (``绿色贸易``) gives way to the first text of
    ``instead`` that has some (a target's metric, the source id), else to ``commitment``.
    When the id is in ``taken``, ``-2``, ``-3``... is appended until it is not: the
    result is never in ``taken``. Long words are cut to keep it within :data:`MAX_ID_LENGTH`.
    """
    found = (title_words(text)[:MAX_WORDS] for text in (title, *instead))
    words = next((w for w in found if w), ["commitment"])
    base = "-".join([agency.lower(), *words])
    ident = _fit(base)
    number = 2
    while ident in taken:
        ident = _fit(base, f"-{number}")
        number += 1
    return ident


def check_new_id(ident: str, taken: Collection[str]) -> str:
    """Return ``ident`` when it can name a new commitment.

    Raises :class:`UsageError` when it is not lower-case letters and digits joined by
    ``-`` or ``.`` or is too long, and :class:`DataError` when a commitment already has it.
    """
    if not ID_FORMAT.match(ident):
        raise UsageError(
            f"--id: {ident!r} is not an id; use lower-case letters and digits joined by '-' "
            "or '.' (e.g. miit-green-factories-2030), or leave --id out to derive one"
        )
    if problem := id_length_problem(ident):
        raise UsageError(f"--id: {problem}")
    if ident in taken:
        raise DataError(
            f"--id: a commitment with id {ident!r} already exists; choose another, "
            "or leave --id out to derive a free one"
        )
    return ident
