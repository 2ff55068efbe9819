"""Named exceptions raised by the library; the CLI turns each into one line and an exit code.

Exit codes: 1 for a problem with the ledger or with the data asked for (unknown id, a
refused change), 2 for a usage error (an option value that cannot be understood).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class GtError(Exception):
    """Base class of every error the library raises for a user to read.

    ``str(error)`` is one line saying what is wrong and what to do; ``exit_code`` is the
    process exit code the CLI should use (1 data problem, 2 usage error).
    """

    exit_code: int = 1


class UsageError(GtError):
    """An option or argument value that cannot be understood (bad date, unknown agency...)."""

    exit_code = 2


class DataError(GtError):
    """The data asked for does not exist or the change asked for is refused."""


def one_line(text: str) -> str:
    """``text`` with every character that is not printable (line breaks, tabs, control
    characters, U+2028, lone surrogates) written as its Python escape, so that a message
    quoting hostile data stays one line. Printable text (CJK, emoji) is kept as is.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


class Problem(NamedTuple):
    """One problem found in a ledger file.

    ``line`` is 1-based (None when unknown), ``commitment_id`` and ``field`` name where
    the problem is (None when it is about the whole file), ``message`` says what is wrong.
    A named tuple, not a dataclass: made at start-up, it costs a tenth as much.
    """

    line: int | None
    commitment_id: str | None
    field: str | None
    message: str

    def format(self, path: str) -> str:
        """Return ``PATH:LINE: ID: FIELD: message``, leaving out the parts that are unknown.

        The result is always one line (see :func:`one_line`).
        """
        parts = [path if self.line is None else f"{path}:{self.line}"]
        if self.commitment_id:
            parts.append(self.commitment_id)
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return one_line(": ".join(parts))


class LedgerError(GtError):
    """The ledger file is missing, unreadable, malformed or fails validation.

    ``path`` is the file as the user named it; ``problems`` holds every problem found
    (at least one). ``str()`` gives the first, with a pointer to ``gt check`` for the rest.
    """

    def __init__(self, path: str, problems: Sequence[Problem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        first = self.problems[0].format(path)
        more = len(self.problems) - 1
        text = first if more == 0 else f"{first} (and {more} more problem(s); run `gt check`)"
        super().__init__(text)


class LedgerChangedError(DataError):
    """The ledger changed on disk between reading and writing it; nothing was written."""


class ReadOnlyLedgerError(DataError):
    """A write was asked of the read-only ledger bundled inside the package."""


class UnknownIdError(DataError):
    """No commitment has the id (or id prefix) asked for, or no source the source id; the
    message suggests close ones or lists the known ones."""


class AmbiguousIdError(DataError):
    """An id prefix matches several commitments; the message lists them."""


class DeadlineFormatError(ValueError):
    """A deadline string that is not ``YYYY``, ``YYYY-MM`` or a real ``YYYY-MM-DD``."""


class EditError(DataError):
    """The edited text is not a sound commitment; ``line`` counts from the top of the body
    (the text below the header), None when no line applies."""

    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = " ".join(message.split())
        super().__init__(self.message)


class ConflictError(DataError):
    """A block no longer reads as the write being undone left it; nothing was changed."""


class NotYetPledgedError(DataError):
    """A report date falls before the day the commitment was pledged."""


class NoTargetError(DataError):
    """A measurement was offered for a commitment that has no numeric target."""


class ImportProblems(DataError):
    """Rows of an import that cannot be applied; nothing was written.

    ``name`` is the file as the user named it, ``problems`` every problem (at least one);
    ``str()`` gives the first and how many more there are.
    """

    def __init__(self, name: str, problems: Sequence[Problem]) -> None:
        self.name = name
        self.problems = tuple(problems)
        more = len(self.problems) - 1
        tail = f" (and {more} more problem(s))" if more else ""
        super().__init__(f"{self.problems[0].format(name)}{tail}; nothing was imported")
