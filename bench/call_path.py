"""The path one ``gt`` command takes through the code that reads and writes ledgers.

``python bench/call_path.py --ledger ROOT mark ID STATUS --on DATE`` runs the command in
this interpreter with a profiler hook and prints, for the functions of
``greentrade_cli.ledgerfile`` it calls (module bodies, class bodies, comprehensions and
lambdas left out):

- every call, and the distinct functions called, with their modules;
- the calls back up: a call into a module that is already lower on the call stack,
  having been left for another (``storage`` calling ``blocks`` calling ``storage``).

Run it twice on a copy of a ledger: the first run fills the ledger cache, the second is
the warm path users take.
"""

from __future__ import annotations

import sys
from collections import Counter
from types import FrameType
from typing import Any

PACKAGE = "greentrade_cli/ledgerfile/"
SKIPPED = {"<module>", "<genexpr>", "<listcomp>", "<dictcomp>", "<setcomp>", "<lambda>"}


def _module(frame: FrameType) -> str | None:
    name = frame.f_code.co_filename
    return name.split(PACKAGE)[1] if PACKAGE in name else None


def trace(argv: list[str]) -> tuple[Counter[tuple[str, str]], list[tuple[str, str, str]]]:
    """Run ``gt`` with ``argv``; the calls made to each ``(module, function)`` and the calls
    back up, as ``(caller's module, callee's module, callee)``."""
    calls: Counter[tuple[str, str]] = Counter()
    back: list[tuple[str, str, str]] = []
    stack: list[str | None] = []

    def hook(frame: FrameType, event: str, _: Any) -> None:
        if event == "call":
            code = frame.f_code
            module, name = _module(frame), code.co_qualname
            body = code.co_names[:2] == ("__name__", "__module__")  # a class body
            if module is not None and code.co_name not in SKIPPED and not body:
                calls[module, name] += 1
                entered = [m for m in stack if m is not None]
                if entered and entered[-1] != module and module in entered:
                    back.append((entered[-1], module, name))
            stack.append(module)
        elif event == "return" and stack:
            stack.pop()

    from greentrade_cli.cli import main

    sys.argv = ["gt", *argv]
    sys.setprofile(hook)
    try:
        main()
    except SystemExit:
        pass
    finally:
        sys.setprofile(None)
    return calls, back


def report(calls: Counter[tuple[str, str]], back: list[tuple[str, str, str]]) -> str:
    """The lines :func:`main` prints."""
    modules = sorted({m for m, _ in calls})
    lines = [
        f"{sum(calls.values())} calls to {len(calls)} functions in {len(modules)} modules; "
        f"{len(back)} calls back up to a module left before"
    ]
    for module in modules:
        names = [f for m, f in calls if m == module]
        lines.append(f"  {module} ({len(names)}): {', '.join(names)}")
    lines += [f"  back up: {a} -> {b}.{f}" for a, b, f in back]
    return "\n".join(lines)


if __name__ == "__main__":
    found = trace(sys.argv[1:])
    print(report(*found), file=sys.stderr)
