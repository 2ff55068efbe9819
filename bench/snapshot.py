"""Putting a folder's files back as they were, so every run of a command that writes
(``gt mark``, ``task N modify``) starts from the same files."""

from __future__ import annotations

from pathlib import Path


def snapshot(folder: Path) -> dict[str, bytes]:
    """The name and bytes of every file directly in ``folder`` (sub-folders are not read)."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def restore(folder: Path, files: dict[str, bytes]) -> None:
    """Make the files directly in ``folder`` those of :func:`snapshot`: files made since are
    removed (a journal, a lock file), changed ones rewritten."""
    for p in folder.iterdir():
        if p.is_file() and p.name not in files:
            p.unlink()
    for name, body in files.items():
        target = folder / name
        if not target.is_file() or target.read_bytes() != body:
            target.write_bytes(body)
