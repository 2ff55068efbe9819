"""Running the user's text editor on a piece of text, as ``git commit`` and ``crontab -e`` do."""

from __future__ import annotations

import shlex
import subprocess
import tempfile
from pathlib import Path

from greentrade_cli.errors import DataError


def run_editor(command: str, text: str, name: str) -> str:
    """Open ``text`` in the editor ``command`` and return the text as the editor left it.

    ``command`` is a shell command line such as ``$VISUAL`` or ``$EDITOR`` hold
    (``vim``, ``code --wait``); the file's path is appended to it. The file, named
    ``name``, lives in a private temporary folder removed afterwards. Raises
    :class:`DataError` when the editor cannot be started, exits with a non-zero status
    or leaves text that is not UTF-8.
    """
    with tempfile.TemporaryDirectory(prefix="gt-edit-") as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        try:
            done = subprocess.run(f"{command} {shlex.quote(str(path))}", shell=True, check=False)
        except OSError as exc:
            raise DataError(
                f"the editor {command!r} could not be started ({exc.strerror}); "
                "set VISUAL or EDITOR to an editor's command"
            ) from None
        if done.returncode != 0:
            raise DataError(
                f"the editor {command!r} exited with status {done.returncode}; nothing was "
                "changed (set VISUAL or EDITOR to an editor's command)"
            )
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""
        except UnicodeDecodeError:
            raise DataError(
                f"the editor left text that is not UTF-8 in {name}; nothing was changed"
            ) from None
