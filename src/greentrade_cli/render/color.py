"""When output gets colour: the ``--color auto|always|never`` rule, decided from the environment.

``auto`` (the default) colours only a terminal, and never when ``NO_COLOR`` is set to a
non-empty value (https://no-color.org) or ``TERM`` is ``dumb``; ``always`` forces colour
and terminal rendering (tables rather than tab-separated rows), e.g. for ``| less -R``;
``never`` turns every colour and text style off.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Literal, NamedTuple

ColorSystem = Literal["auto", "standard"]


class ColorMode(StrEnum):
    """The values of ``--color``."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class ConsoleColor(NamedTuple):
    """Keyword arguments for a :class:`rich.console.Console` that follow a :class:`ColorMode`.

    ``force_terminal`` None lets Rich detect a terminal; ``color_system`` is Rich's name
    (``"auto"``, ``"standard"``) or None for no styles at all; ``no_color`` keeps text
    styles such as bold but drops colours (what ``NO_COLOR`` asks for). A named tuple:
    making a dataclass would take about half a millisecond of every command's start-up.
    """

    force_terminal: bool | None
    color_system: ColorSystem | None
    no_color: bool


def is_dumb_terminal(environ: Mapping[str, str]) -> bool:
    """True when ``TERM`` names a terminal without escape sequences (``dumb``, ``unknown``)."""
    return environ.get("TERM", "").strip().lower() in {"dumb", "unknown"}


def console_color(mode: ColorMode, environ: Mapping[str, str]) -> ConsoleColor:
    """The console settings for ``mode`` given the environment ``environ`` (e.g. ``os.environ``).

    ``always`` wins over ``NO_COLOR`` and ``TERM=dumb`` (an explicit flag beats the
    environment); ``never`` gives plain text; ``auto`` leaves terminal detection to Rich
    and turns colour off for ``NO_COLOR`` (non-empty) and ``TERM=dumb``.
    """
    if mode is ColorMode.NEVER:
        return ConsoleColor(force_terminal=None, color_system=None, no_color=True)
    if mode is ColorMode.ALWAYS:
        system: ColorSystem = "standard" if is_dumb_terminal(environ) else "auto"
        return ConsoleColor(force_terminal=True, color_system=system, no_color=False)
    if is_dumb_terminal(environ):
        return ConsoleColor(force_terminal=None, color_system=None, no_color=True)
    return ConsoleColor(
        force_terminal=None, color_system="auto", no_color=environ.get("NO_COLOR", "") != ""
    )
