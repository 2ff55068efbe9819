"""A ledger in many files: include, errors, a cache entry and a write per file, gt split."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from greentrade_cli.errors import DataError
from greentrade_cli.ledgerfile import atomic, ledger_cache, storage
from greentrade_cli.ledgerfile.journal import journal_path, read_journal
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.status import Status
from tests.conftest import BRIEFING_LEDGER, REPO, Run

HEAD, *BLOCKS = BRIEFING_LEDGER.read_text(encoding="utf-8").split("\n[[commitments]]\n")
IDS = [block.split('"', 2)[1] for block in BLOCKS]
INCLUDE = 'include = ["ledger/*.toml"]\n\n'


def _blocks(chosen: list[str]) -> str:
    return "".join(f"[[commitments]]\n{block.rstrip()}\n\n" for block in chosen).rstrip() + "\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The briefing ledger as a root holding its first 3 commitments and two included
    files: ledger/a.toml (the next 10) and ledger/b.toml (the other 10)."""
    folder = tmp_path / "desk"
    (folder / "ledger").mkdir(parents=True)
    (folder / "sources").mkdir()
    archive = REPO / "sources" / "scio-2025-10-31.txt"
    (folder / "sources" / archive.name).write_bytes(archive.read_bytes())
    head = HEAD.replace("[agencies.MOFCOM]", INCLUDE + "[agencies.MOFCOM]", 1)
    (folder / "commitments.toml").write_text(head + "\n\n" + _blocks(BLOCKS[:3]), "utf-8")
    (folder / "ledger" / "a.toml").write_text(_blocks(BLOCKS[3:13]), "utf-8")
    (folder / "ledger" / "b.toml").write_text(_blocks(BLOCKS[13:]), "utf-8")
    return folder / "commitments.toml"


def test_the_files_read_as_one_ledger_in_include_order(root: Path) -> None:
    file = storage.load(root)
    assert [c.id for c in file.ledger.commitments] == IDS
    assert [str(p.path.relative_to(root.parent)) for p in file.parts] == [
        "commitments.toml",
        "ledger/a.toml",
        "ledger/b.toml",
    ]
    assert [len(p.ledger.commitments) for p in file.parts] == [3, 10, 10]
    assert file.ledger == storage.load(BRIEFING_LEDGER).ledger


def _held_once(values: list[object]) -> bool:
    """True when equal values among ``values`` are one object, and some value repeats."""
    return len({id(v) for v in values}) == len(set(values)) < len(values)


def test_values_repeated_across_files_are_held_once(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for read in ("parsed", "cached"):
        if read == "cached":
            monkeypatch.setattr(storage, "parse_text", None)  # a hit never parses
        file = storage.load(root)
        commitments = file.ledger.commitments
        for name in ("agency", "speaker", "speaker_role", "tags"):
            assert _held_once([getattr(c, name) for c in commitments]), (read, name)
        assert _held_once([c.target.unit for c in commitments if c.target is not None]), read
        days = [h.date for c in commitments for h in c.history]
        assert _held_once([*days, *(s.date for s in file.ledger.sources.values())]), read
        assert {c.agency for c in file.parts[1].ledger.commitments} & {
            c.agency for c in file.parts[2].ledger.commitments
        }


def test_check_and_export_are_those_of_the_one_file(gt: Run, root: Path) -> None:
    one = gt("--ledger", str(BRIEFING_LEDGER), "export", "--format", "json")
    many = gt("--ledger", str(root), "export", "--format", "json")
    assert many.exit_code == 0
    assert many.stdout == one.stdout
    checked = gt("--ledger", str(root), "check")
    assert checked.stdout == (
        f"{root}: ok: 23 commitments, 4 agencies, 1 source; 23 quotes found verbatim in "
        "their archived sources\n"
    )


def test_check_warns_of_a_future_source_in_the_file_declaring_it(gt: Run, root: Path) -> None:
    part = root.parent / "ledger" / "b.toml"
    source = '[sources.later]\ntitle = "T"\npublisher = "P"\ndate = 2026-02-01\n\n'
    part.write_text(source + part.read_text("utf-8"), "utf-8")
    checked = gt("--ledger", str(root), "check", "--as-of", "2026-01-31")
    assert (checked.exit_code, checked.stdout.splitlines()[1:]) == (
        0,
        [
            f"{part}:4: sources.later.date: warning: 2026-02-01 is after the as-of date "
            "(2026-01-31), so its pledges are left out of reports until then; correct the "
            "date if it is a mistake"
        ],
    )


def _error(gt: Run, root: Path) -> str:
    result = gt("--ledger", str(root), "list")
    assert result.exit_code != 0
    assert result.stdout == ""
    return str(result.stderr)


@pytest.mark.parametrize(
    ("include", "message"),
    [
        ('["ledger/c.toml"]', "include 'ledger/c.toml' names no file; fix the path, or remove it from the list"),
        ('["notes/*.toml"]', "include 'notes/*.toml' matches no file; fix the pattern, or remove it from the list"),
        ('["../x.toml"]', "include '../x.toml' leaves the root ledger's folder; give a path inside it, such as ledger/*.toml"),
        ('["/etc/x.toml"]', "include '/etc/x.toml' leaves the root ledger's folder; give a path inside it, such as ledger/*.toml"),
        ('["ledger/*.toml", "ledger/a.toml"]', "include 'ledger/a.toml' reaches ledger/a.toml, which is included already (ledger/a.toml); list each file once"),
        ('["ledger/*.toml", "commitments.toml"]', "include 'commitments.toml' reaches commitments.toml, which is the root ledger itself; list each file once"),
        ('"ledger"', 'include: must be a list of paths or patterns, such as include = ["ledger/*.toml"]'),
        ('["ledger/*.toml", " "]', "include: an empty pattern is not allowed; remove it from the list"),
        ('["ledger/"]', "include 'ledger/' names a folder; give a pattern such as ledger/*.toml"),
    ],
)  # fmt: skip
def test_an_include_that_cannot_be_followed_is_one_error_at_its_line(
    gt: Run, root: Path, include: str, message: str
) -> None:
    text = root.read_text(encoding="utf-8")
    root.write_text(text.replace('["ledger/*.toml"]', include, 1), encoding="utf-8")
    line = text.splitlines().index(INCLUDE.strip()) + 1
    assert _error(gt, root) == f"gt: error: {root}:{line}: {message}\n"


def test_an_include_reaching_out_by_a_link_is_refused(gt: Run, root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.toml"
    outside.write_text(_blocks(BLOCKS[13:]), encoding="utf-8")
    (root.parent / "ledger" / "b.toml").unlink()
    (root.parent / "ledger" / "b.toml").symlink_to(outside)
    line = root.read_text(encoding="utf-8").splitlines().index(INCLUDE.strip()) + 1
    assert _error(gt, root) == (
        f"gt: error: {root}:{line}: include 'ledger/*.toml' reaches ledger/b.toml, a link out "
        "of the root ledger's folder; copy the file in\n"
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.touch(), "an empty file; put a source and its commitments in it, or remove it"),
        (lambda p: p.write_bytes(b"\xef\xbb\xbf\n  \n"), "an empty file; put a source and its commitments in it, or remove it"),
        (lambda p: p.symlink_to("gone.toml"), "a link to no file; fix the link, or remove it"),
        (lambda p: p.mkdir(), "a folder; give a pattern that matches files only, such as ledger/*.toml"),
    ],
)  # fmt: skip
def test_an_included_path_that_is_no_ledger_file_is_named_at_the_include_line(
    gt: Run, root: Path, make: Callable[[Path], object], message: str
) -> None:
    make(root.parent / "ledger" / "new.toml")
    line = root.read_text(encoding="utf-8").splitlines().index(INCLUDE.strip()) + 1
    assert _error(gt, root) == (
        f"gt: error: {root}:{line}: include 'ledger/*.toml' reaches ledger/new.toml, {message}\n"
    )


def test_an_id_in_two_files_names_the_second_at_its_line(gt: Run, root: Path) -> None:
    b = root.parent / "ledger" / "b.toml"
    b.write_text(b.read_text(encoding="utf-8") + "\n" + _blocks(BLOCKS[5:6]), encoding="utf-8")
    lines = b.read_text(encoding="utf-8").splitlines()
    line = len(lines) - lines[::-1].index("[[commitments]]")
    assert _error(gt, root) == (
        f"gt: error: {root.parent / 'ledger' / 'b.toml'}:{line}: {IDS[5]}: id: duplicate id: "
        f"{root.parent / 'ledger' / 'a.toml'} has a commitment with this id already; ids are "
        "unique across files\n"
    )


def test_an_included_file_declares_no_agency(gt: Run, root: Path) -> None:
    a = root.parent / "ledger" / "a.toml"
    a.write_text('[agencies.NDRC]\nname = "x"\n\n' + a.read_text(encoding="utf-8"), "utf-8")
    assert _error(gt, root) == (
        f"gt: error: {a}:1: agencies: an included file holds sources and commitments only; "
        "move agencies to the root ledger\n"
    )


def test_a_problem_in_an_included_file_names_that_file_and_line(gt: Run, root: Path) -> None:
    a = root.parent / "ledger" / "a.toml"
    text = a.read_text(encoding="utf-8")
    agency = next(line for line in text.splitlines() if line.startswith("agency = "))
    a.write_text(text.replace(agency, 'agency = "XX"', 1), encoding="utf-8")
    line = text.splitlines().index(agency) + 1
    assert _error(gt, root) == (
        f"gt: error: {a}:{line}: {IDS[3]}: agency: unknown agency 'XX'; declare "
        "[agencies.XX] or use one of: MOFCOM, MIIT, PBOC, SAMR\n"
    )


@pytest.mark.parametrize(
    ("quoting", "source", "message"),
    [
        ("ledger/a.toml", "b-only", "source 'b-only' is declared in DESK/ledger/b.toml:1; a commitment may quote only its own file's and the root's sources: move [sources.b-only] into DESK/commitments.toml, or this commitment into DESK/ledger/b.toml"),
        ("commitments.toml", "b-only", "source 'b-only' is declared in DESK/ledger/b.toml:1; a commitment may quote only its own file's and the root's sources: move [sources.b-only] into DESK/commitments.toml, or this commitment into DESK/ledger/b.toml"),
        ("ledger/a.toml", "nowhere", "unknown source 'nowhere'; declare it in a [sources.nowhere] table"),
    ],
)  # fmt: skip
def test_a_source_another_file_declares_is_named_where_it_is_declared(
    gt: Run, root: Path, monkeypatch: pytest.MonkeyPatch, quoting: str, source: str, message: str
) -> None:
    b = root.parent / "ledger" / "b.toml"
    b.write_text(SOURCE.replace("extra", "b-only") + b.read_text(encoding="utf-8"), "utf-8")
    path = root.parent / quoting
    text = path.read_text(encoding="utf-8")
    cited = 'source = "scio-2025-10-31"'
    path.write_text(text.replace(cited, f'source = "{source}"', 1), encoding="utf-8")
    said = f"DESK/{quoting}:{text.splitlines().index(cited) + 1}: "
    said += f"{IDS[0] if quoting == 'commitments.toml' else IDS[3]}: source: {message}\n"
    cached, whole = _run_twice(gt, root, monkeypatch, "list")
    assert cached == whole
    assert cached[:2] == (1, f"gt: error: {said}")
    checked = gt("--ledger", str(root), "check")
    assert (checked.exit_code, checked.stdout.replace(str(root.parent), "DESK")) == (1, said)


def test_check_reads_where_sources_are_declared_once_not_once_a_file(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from greentrade_cli.ledgerfile.check import check_ledger

    (root.parent / "ledger" / "c.toml").write_text(SOURCE, encoding="utf-8")
    cited = 'source = "scio-2025-10-31"'
    lines = {}
    for name in ("a.toml", "b.toml"):
        path = root.parent / "ledger" / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(cited, 'source = "extra"', 1), encoding="utf-8")
        lines[name] = text.splitlines().index(cited) + 1
    calls: list[Path] = []
    real = storage._declarations

    def counted(path: Path, includes: tuple[str, ...] | None) -> object:
        calls.append(path)
        return real(path, includes)

    monkeypatch.setattr(storage, "_declarations", counted)
    told = (
        "source: source 'extra' is declared in DESK/ledger/c.toml:1; a commitment may quote "
        "only its own file's and the root's sources: move [sources.extra] into "
        "DESK/commitments.toml, or this commitment into DESK/ledger/c.toml"
    )
    assert [
        line.replace(str(root.parent), "DESK")
        for line in check_ledger(root, dt.date(2026, 1, 1)).lines()
    ] == [
        f"DESK/ledger/a.toml:{lines['a.toml']}: {IDS[3]}: {told}",
        f"DESK/ledger/b.toml:{lines['b.toml']}: {IDS[13]}: {told}",
    ]
    assert calls == [root, root]  # the read stopping at a.toml, then the check of every file


def test_a_hand_edit_of_one_file_reads_that_file_alone(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    real = storage.parse_text

    def counting(path: Path, raw: bytes) -> tuple[str, bool, dict[str, object]]:
        parsed.append(str(path.relative_to(root.parent)))
        return real(path, raw)

    monkeypatch.setattr(storage, "parse_text", counting)
    storage.load(root)
    assert parsed == ["commitments.toml", "ledger/a.toml", "ledger/b.toml"]
    parsed.clear()
    assert len(storage.load(root).ledger.commitments) == 23
    assert parsed == []
    b = root.parent / "ledger" / "b.toml"
    b.write_text("# a note\n" + b.read_text(encoding="utf-8"), encoding="utf-8")
    assert [c.id for c in storage.load(root).ledger.commitments] == IDS
    assert parsed == ["ledger/b.toml"]


def test_a_file_added_to_the_folder_is_read_beside_the_cached_ones(root: Path) -> None:
    assert len(storage.load(root).ledger.commitments) == 23
    assert [p.cached is not None for p in storage.load(root).parts] == [True, True, True]
    (root.parent / "ledger" / "c.toml").write_text(
        _blocks([BLOCKS[5].replace(IDS[5], "extra-pledge", 1)]), encoding="utf-8"
    )
    ledger = storage.load(root).ledger
    assert [c.id for c in ledger.commitments] == [*IDS, "extra-pledge"]
    (root.parent / "ledger" / "c.toml").unlink()
    assert [c.id for c in storage.load(root).ledger.commitments] == IDS


def test_a_write_parses_the_file_it_changes_and_no_other(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage.load(root)
    parsed: list[Path] = []
    real = storage.parse_text
    monkeypatch.setattr(storage, "parse_text", lambda p, raw: parsed.append(p) or real(p, raw))
    storage.update_many(root, lambda ledger: _two_files(ledger)[1:])
    assert parsed == [root.parent / "ledger" / "b.toml"]  # its new text, checked


@pytest.mark.parametrize(
    "command",
    [
        ("mark", IDS[15], "in_progress", "--on", "2025-12-01"),
        ("remove", IDS[15], "--yes"),
        ("add", "--title", "One more", "--agency", "MOFCOM", "--source", "scio-2025-10-31",
         "--quote", BLOCKS[0].split('quote = "', 1)[1].split('"', 1)[0]),
    ],
)  # fmt: skip
def test_after_a_write_every_file_comes_from_the_cache(
    gt: Run, root: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    storage.load(root)
    for args in (command, ("undo",)):
        assert gt("--ledger", str(root), *args).exit_code == 0
        with monkeypatch.context() as env:
            env.setattr(storage, "parse_text", None)  # a hit never parses
            cached = storage.load(root)
        with monkeypatch.context() as env:
            env.setenv("GT_NO_CACHE", "1")
            assert cached.ledger == storage.load(root).ledger


def test_a_command_on_one_commitment_reads_the_root_and_its_file_alone(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage.load(root)
    looked_up: list[int] = []
    real = ledger_cache.lookup
    monkeypatch.setattr(
        ledger_cache, "lookup", lambda where, ids: looked_up.append(len(ids)) or real(where, ids)
    )
    file = storage.load(root, only=storage.file_holding("miit-green-f"))
    assert looked_up == [1, 1]
    assert [str(p.path.relative_to(root.parent)) for p in file.parts] == [
        "commitments.toml",
        "ledger/b.toml",
    ]
    assert [c.id for c in file.ledger.commitments] == IDS[:3] + IDS[13:]
    assert file.ledger.find("miit-green-f").id == "miit-green-factories-2030"
    looked_up.clear()
    assert [
        c.id for c in storage.load(root, only=storage.file_holding(IDS[0])).ledger.commitments
    ] == IDS[:3]
    assert looked_up == [1]


def _run_twice(gt: Run, root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[tuple]:
    """``gt --ledger ROOT ARGS`` (DESK in them: the copy's folder) on a copy of the ledger
    read from the cache (the root and one file), and on another copy read whole (no
    cache): exit code, output, files."""
    import shutil

    runs = []
    for cache in ("on", "off"):
        copy = root.parent.parent / f"copy-{cache}"
        shutil.copytree(root.parent, copy)
        with monkeypatch.context() as env:
            if cache == "off":
                env.setenv("GT_NO_CACHE", "1")
            assert gt("--ledger", str(copy / root.name), "check").exit_code in (0, 1)
            result = gt(
                "--ledger", str(copy / root.name), *(a.replace("DESK", str(copy)) for a in args)
            )
        output = (result.stdout + result.stderr).replace(str(copy), "DESK")
        runs.append((result.exit_code, output, _bytes(copy / root.name)))
    return runs


@pytest.mark.parametrize(
    "args",
    [
        ("show", "miit-green-f"),
        ("show", "mofcom-green-trade"),
        ("show", "mofcom-green"),
        ("show", "mofcom-fta"),
        ("show", "miit-green-factory"),
        ("mark", "miit-green-f", "in_progress", "--on", "2025-12-01"),
        ("revise", "mofcom-fta-neg", "--deadline", "2031", "--note", "later", "--on", "2026-01-05"),
        ("remove", "pboc-green-assets", "--yes"),
        ("remove", "mofcom-green", "--yes"),
    ],
)
def test_a_command_on_one_commitment_does_as_on_the_whole_ledger(
    gt: Run, root: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    cached, whole = _run_twice(gt, root, monkeypatch, *args)
    assert cached == whole


SOURCE = '[sources.extra]\ntitle = "T"\npublisher = "P"\ndate = 2025-11-01\n\n'


def _quote() -> str:
    return BLOCKS[0].split('quote = "', 1)[1].split('"', 1)[0]


def test_add_and_undo_read_the_root_and_the_files_they_write(root: Path) -> None:
    storage.load(root)
    names = ["commitments.toml", "ledger/b.toml"]
    file = storage.load(root, only=storage.file_for("scio-2025-10-31", None))
    assert [str(p.path.relative_to(root.parent)) for p in file.parts] == names
    assert file.unread_ids == frozenset(IDS[3:13])
    into = storage.file_for("scio-2025-10-31", root.parent / "ledger" / "a.toml")
    assert [str(p.path.relative_to(root.parent)) for p in storage.load(root, only=into).parts] == [
        "commitments.toml",
        "ledger/a.toml",
    ]
    assert storage.load(root, only=storage.file_for("no-such-source", None)).unread_ids == set()
    file = storage.load(root, only=storage.files_named(["", "ledger/a.toml"]))
    assert [str(p.path.relative_to(root.parent)) for p in file.parts] == [
        "commitments.toml",
        "ledger/a.toml",
    ]
    assert file.unread_ids == frozenset(IDS[13:])


ADD = ("add", "--agency", "MOFCOM", "--source", "scio-2025-10-31", "--quote", _quote())


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((*ADD, "--title", "One more"), (0, "added mofcom-one-more\n")),
        (
            (*ADD, "--title", "Two way market opening"),
            (0, "added mofcom-two-way-market-opening-2\n"),
        ),
        (
            (*ADD, "--title", "Taken", "--id", IDS[5]),
            (
                1,
                f"gt: error: --id: a commitment with id {IDS[5]!r} already exists; choose another, or leave --id out to derive a free one\n",
            ),
        ),
        ((*ADD, "--title", "Into a", "--file", "DESK/ledger/a.toml"), (0, "added mofcom-into-a\n")),
        (
            (*ADD[:4], "b-only", *ADD[5:], "--title", "Into a", "--file", "DESK/ledger/a.toml"),
            (
                1,
                "gt: error: the change would make the ledger invalid: DESK/ledger/a.toml:167: mofcom-into-a: source: source 'b-only' is declared in DESK/ledger/b.toml:1; a commitment may quote only its own file's and the root's sources: move [sources.b-only] into DESK/commitments.toml, or this commitment into DESK/ledger/b.toml; nothing was written\n",
            ),
        ),
        (
            (*ADD, "--title", "In root", "--file", "DESK/commitments.toml"),
            (0, "added mofcom-root\n"),
        ),
        (
            (*ADD[:4], "extra", *ADD[5:], "--title", "Unknown", "--file", "DESK/ledger/a.toml"),
            (
                1,
                "gt: error: --source: unknown source 'extra'; use one of: scio-2025-10-31, b-only (or declare it first with `gt source add`)\n",
            ),
        ),
        (
            (*ADD[:4], "extra", *ADD[5:], "--title", "Unknown source"),
            (
                1,
                "gt: error: --source: unknown source 'extra'; use one of: scio-2025-10-31, b-only (or declare it first with `gt source add`)\n",
            ),
        ),
    ],
)
def test_add_does_as_on_the_whole_ledger(
    gt: Run,
    root: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    said: tuple[int, str],
) -> None:
    b = root.parent / "ledger" / "b.toml"
    b.write_text(SOURCE.replace("extra", "b-only") + b.read_text(encoding="utf-8"), "utf-8")
    cached, whole = _run_twice(gt, root, monkeypatch, *args)
    assert cached == whole
    assert cached[:2] == said


@pytest.mark.parametrize(
    "before",
    [
        ("remove", IDS[5], "--yes"),
        ("mark", IDS[15], "in_progress", "--on", "2025-12-01"),
        (*ADD, "--title", "One more", "--on", "2025-12-01"),
    ],
)
def test_undo_does_as_on_the_whole_ledger(
    gt: Run, root: Path, monkeypatch: pytest.MonkeyPatch, before: tuple[str, ...]
) -> None:
    assert gt("--ledger", str(root), *before).exit_code == 0
    cached, whole = _run_twice(gt, root, monkeypatch, "undo")
    assert cached == whole
    assert cached[0] == 0


@pytest.mark.parametrize(
    ("given", "what"),
    [
        ({"b.toml": "\n" + _blocks(BLOCKS[5:6])}, "commitment"),
        ({"a.toml": SOURCE, "b.toml": SOURCE}, "source"),
    ],
)
def test_an_id_in_two_cached_files_is_named_by_a_command_on_one_commitment(
    gt: Run, root: Path, monkeypatch: pytest.MonkeyPatch, given: dict[str, str], what: str
) -> None:
    for name, text in given.items():
        path = root.parent / "ledger" / name
        old = path.read_text(encoding="utf-8")
        path.write_text(text + old if text is SOURCE else old + text, encoding="utf-8")
    cached, whole = _run_twice(gt, root, monkeypatch, "show", IDS[15])
    assert cached == whole
    assert cached[0] == 1
    assert f"duplicate id: DESK/ledger/a.toml has a {what} with this id already" in cached[1]


def _bytes(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root.parent)): p.read_bytes() for p in sorted(root.parent.rglob("*.toml"))
    }


def test_mark_rewrites_only_the_file_holding_it_and_undo_takes_it_back(gt: Run, root: Path) -> None:
    before = _bytes(root)
    result = gt("--ledger", str(root), "mark", IDS[15], "in_progress", "--on", "2025-12-01")
    assert result.exit_code == 0, result.stderr
    after = _bytes(root)
    assert [name for name in before if before[name] != after[name]] == ["ledger/b.toml"]
    assert (
        'status = "in_progress"'
        in after["ledger/b.toml"]
        .decode()[after["ledger/b.toml"].decode().index(IDS[15]) :]
        .split("[[commitments]]")[0]
    )
    journal = (root.parent / ".commitments.toml.gt-journal.jsonl").read_text(encoding="utf-8")
    [record] = [json.loads(line) for line in journal.splitlines()]
    assert [(c["file"], c["key"]) for c in record["changes"]] == [("ledger/b.toml", IDS[15])]
    assert not (root.parent / "ledger" / ".b.toml.gt-journal.jsonl").exists()
    assert gt("--ledger", str(root), "undo").exit_code == 0
    assert _bytes(root) == before


def test_add_goes_to_the_file_of_its_source_or_the_one_given(gt: Run, root: Path) -> None:
    quote = BLOCKS[0].split('quote = "', 1)[1].split('"', 1)[0]
    common = ("--agency", "MOFCOM", "--source", "scio-2025-10-31", "--quote", quote)
    before = _bytes(root)
    assert gt("--ledger", str(root), "add", "--title", "One more", *common).exit_code == 0
    after = _bytes(root)
    assert [name for name in before if before[name] != after[name]] == ["ledger/b.toml"]
    assert after["ledger/b.toml"].decode().endswith('id = "mofcom-one-more"\n' 'title = "One more"\n' 'agency = "MOFCOM"\n' 'source = "scio-2025-10-31"\n' f'quote = "{quote}"\n' 'status = "pledged"\n')  # fmt: skip
    a = str(root.parent / "ledger" / "a.toml")
    assert gt("--ledger", str(root), "add", "--title", "Two", "--file", a, *common).exit_code == 0
    assert 'id = "mofcom-two"' in Path(a).read_text(encoding="utf-8")
    x = root.parent / "x.toml"
    x.write_text("", encoding="utf-8")
    elsewhere = gt("--ledger", str(root), "add", "--title", "Three", "--file", str(x), *common)
    assert elsewhere.exit_code == 1
    assert elsewhere.stderr == (
        f"gt: error: {x}: not a file of the ledger {root}; give the root or a file its "
        "include list names\n"
    )
    c = root.parent / "ledger" / "c.toml"
    new = gt("--ledger", str(root), "add", "--title", "Three", "--file", str(c), *common)
    assert (new.exit_code, new.stderr) == (
        1,
        f"gt: error: {c}: no such file; give the root or a file its include list names, or "
        f"start one with `gt source add ID ... --file {c}`\n",
    )


def test_source_add_starts_a_file_and_undo_removes_it(gt: Run, root: Path) -> None:
    new = root.parent / "ledger" / "c.toml"
    args = ("source", "add", "briefing-2", "--title", "T", "--publisher", "P")
    result = gt("--ledger", str(root), *args, "--date", "2025-11-05", "--file", str(new))
    assert result.exit_code == 0, result.stderr
    assert new.read_text(encoding="utf-8") == (
        '[sources.briefing-2]\ntitle = "T"\npublisher = "P"\ndate = 2025-11-05\n'
    )
    assert "briefing-2" in storage.load(root).ledger.sources
    other = ("source", "add", "briefing-3", "--title", "T", "--publisher", "P")
    outside = gt("--ledger", str(root), *other, "--date", "2025-11-05", "--file", "other.toml")
    assert outside.stderr.startswith(
        f"gt: error: other.toml: the root ledger {root} does not include this file;"
    )
    deeper = root.parent / "ledger" / "sub" / "d.toml"  # "*" stays within a folder's name
    below = gt("--ledger", str(root), *other, "--date", "2025-11-05", "--file", str(deeper))
    assert below.stderr.startswith(
        f"gt: error: {deeper}: the root ledger {root} does not include this file;"
    )
    assert gt("--ledger", str(root), "undo").exit_code == 0
    assert not new.exists()


def _two_files(ledger: Ledger) -> list[Commitment]:
    """Stall one commitment of ledger/a.toml and one of ledger/b.toml."""
    on = dt.date(2025, 12, 1)
    return [
        ledger.find(IDS[4]).marked(Status.STALLED, on),
        ledger.find(IDS[20]).marked(Status.STALLED, on),
    ]


def test_a_write_to_two_files_is_undone_as_one(gt: Run, root: Path) -> None:
    before = _bytes(root)
    storage.update_many(root, _two_files)
    after = _bytes(root)
    assert [n for n in before if before[n] != after[n]] == ["ledger/a.toml", "ledger/b.toml"]
    assert gt("--ledger", str(root), "undo").exit_code == 0
    assert _bytes(root) == before


def test_a_failed_move_of_the_second_file_leaves_every_file_as_it_was(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _bytes(root)
    journal = root.parent / ".commitments.toml.gt-journal.jsonl"
    real = os.replace

    def failing(src: str, dst: str) -> None:
        if str(dst).endswith("b.toml"):
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(DataError) as caught:
        storage.update_many(root, _two_files)
    assert str(caught.value) == (
        f"{root}: cannot write the ledger's files (No space left on device); nothing was changed"
    )
    assert _bytes(root) == before
    assert journal.read_text(encoding="utf-8") == ""
    assert sorted(p.name for p in root.parent.rglob(".*tmp")) == []
    assert not atomic.pending_path(root).exists()


def test_a_write_killed_between_two_files_is_finished_by_the_next_run(gt: Run, root: Path) -> None:
    script = f"""
import os, sys
sys.path.insert(0, {str(REPO)!r})
from greentrade_cli.ledgerfile import storage
from tests.test_many_files import _two_files
real = os.replace
def dying(src, dst):
    if str(dst).endswith("b.toml"):
        os._exit(9)
    real(src, dst)
os.replace = dying
storage.update_many(storage.Path({str(root)!r}), _two_files)
"""
    env = {**os.environ, "GT_NO_CACHE": "1"}
    killed = subprocess.run([sys.executable, "-c", script], env=env, check=False)
    assert killed.returncode == 9
    assert atomic.pending_path(root).exists()
    assert 'status = "stalled"' in (root.parent / "ledger" / "a.toml").read_text("utf-8")
    assert 'status = "stalled"' not in (root.parent / "ledger" / "b.toml").read_text("utf-8")
    ledger = storage.load(root).ledger
    assert [ledger.find(IDS[i]).status for i in (4, 20)] == [Status.STALLED, Status.STALLED]
    assert not atomic.pending_path(root).exists()
    assert sorted(p.name for p in root.parent.rglob(".*tmp")) == []


def test_an_undo_of_split_killed_midway_is_finished_by_the_next_run(
    gt: Run, ledger_path: Path
) -> None:
    run = ("--ledger", str(ledger_path))
    before = ledger_path.read_bytes()
    listed = sorted(p.name for p in ledger_path.parent.iterdir())
    assert gt(*run, "split").exit_code == 0
    made = sorted(
        p.relative_to(ledger_path.parent) for p in ledger_path.parent.rglob("ledger/*.toml")
    )
    script = f"""
import os, sys
sys.path.insert(0, {str(REPO)!r})
from pathlib import Path
from greentrade_cli.ledgerfile.undo import undo_last
real = os.unlink
def dying(path, *args, **kwargs):
    if str(path).endswith(".toml"):
        os._exit(9)
    real(path, *args, **kwargs)
os.unlink = dying
undo_last(Path({str(ledger_path)!r}), None)
"""
    env = {**os.environ, "GT_NO_CACHE": "1"}
    killed = subprocess.run([sys.executable, "-c", script], env=env, check=False)
    assert (killed.returncode, len(made)) == (9, 1)
    assert atomic.pending_path(ledger_path).exists()
    assert gt(*run, "check").exit_code == 0  # the next run finishes the undo first
    assert ledger_path.read_bytes() == before
    assert list(ledger_path.parent.rglob("ledger/*.toml")) == []
    assert not atomic.pending_path(ledger_path).exists()
    journal, lock = journal_path(ledger_path).name, f"{ledger_path.name}.lock"
    assert sorted(p.name for p in ledger_path.parent.iterdir()) == sorted([*listed, journal, lock])


@pytest.mark.parametrize("there", ["nothing", "an empty folder"])
@pytest.mark.parametrize("failing", ["scio-2025-10-31.toml", "gt-pending.json"])
def test_a_split_that_fails_midway_leaves_no_folder_it_made(
    gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch, there: str, failing: str
) -> None:
    folder = ledger_path.parent / "ledger"
    if there == "an empty folder":
        folder.mkdir()
    journal, lock = journal_path(ledger_path), ledger_path.with_name(f"{ledger_path.name}.lock")
    before = {p: p.read_bytes() for p in ledger_path.parent.rglob("*") if p.is_file()}
    real = os.replace

    def failing_move(src: str, dst: str) -> None:
        if str(dst).endswith(failing):
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing_move)
    result = gt("--ledger", str(ledger_path), "split")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"gt: error: {ledger_path}: cannot write the ledger's files (No space left on device); "
        "nothing was changed\n",
    )
    after = {p: p.read_bytes() for p in ledger_path.parent.rglob("*") if p.is_file()}
    assert after == {**before, journal: b"", lock: b""}
    kept = sorted(folder.iterdir()) if folder.exists() else None
    assert kept == (None if there == "nothing" else [])  # one made is gone, one there stays


def test_a_list_of_moves_left_by_an_earlier_gt_is_finished(tmp_path: Path) -> None:
    root, target = tmp_path / "commitments.toml", tmp_path / "a.toml"
    tmp = tmp_path / ".a.toml.x.tmp"
    root.write_text("", encoding="utf-8")
    tmp.write_text("new\n", encoding="utf-8")
    atomic.pending_path(root).write_text(json.dumps([[str(tmp), str(target)]]), "utf-8")
    atomic.finish_pending(root)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "commitments.toml"]
    assert target.read_text(encoding="utf-8") == "new\n"


def test_split_dry_run_then_split_keep_the_export_and_undo_restores(
    gt: Run, ledger_path: Path
) -> None:
    run = ("--ledger", str(ledger_path))
    export = gt(*run, "export", "--format", "json").stdout
    check = gt(*run, "check").stdout
    original = ledger_path.read_bytes()
    dry = gt(*run, "split", "--dry-run")
    assert dry.stdout == (
        f"would write {ledger_path} (0 commitments)\n"
        f"would write {ledger_path.parent / 'ledger' / 'scio-2025-10-31.toml'} (23 commitments)\n"
    )
    assert ledger_path.read_bytes() == original
    assert not (ledger_path.parent / "ledger").exists()
    assert gt(*run, "split").exit_code == 0
    assert 'include = ["ledger/*.toml"]' in ledger_path.read_text(encoding="utf-8")
    assert "[[commitments]]" not in ledger_path.read_text(encoding="utf-8")
    assert gt(*run, "export", "--format", "json").stdout == export
    assert gt(*run, "check").stdout == check
    part = (ledger_path.parent / "ledger" / "scio-2025-10-31.toml").read_text(encoding="utf-8")
    assert part.startswith("[sources.scio-2025-10-31]\n")
    assert part.count("[[commitments]]\n") == 23
    again = gt(*run, "split")
    assert again.stderr == (
        f"gt: error: {ledger_path}: the ledger includes other files already; nothing to split\n"
    )
    assert gt(*run, "undo").exit_code == 0
    assert ledger_path.read_bytes() == original
    assert not (ledger_path.parent / "ledger").exists()  # the split made it
    assert gt(*run, "check").stdout == check  # the root as cached has no include list again
    assert gt(*run, "export", "--format", "json").stdout == export


@pytest.mark.parametrize(
    ("ledger", "there", "message"),
    [
        (None, "folder", "ledger/ exists already and is not empty; move it away to split the ledger"),
        ("desk/commitments.toml", "folder", "desk/ledger/ exists already and is not empty; move it away to split the ledger"),
        ("desk/commitments.toml", "file", "desk/ledger exists already and is not a folder; move it away to split the ledger"),
    ],
)  # fmt: skip
def test_split_names_the_ledger_folder_as_the_ledger_path_is_given(
    gt: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    ledger: str | None,
    there: str,
    message: str,
) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    assert gt("init", str(desk / "commitments.toml")).exit_code == 0
    if there == "folder":
        (desk / "ledger").mkdir()
        (desk / "ledger" / "notes.txt").write_text("mine\n", encoding="utf-8")
    else:
        (desk / "ledger").write_text("mine\n", encoding="utf-8")
    if ledger is None:
        monkeypatch.chdir(desk)
    before = {p: p.read_bytes() for p in desk.rglob("*") if p.is_file()}
    result = gt(*(("--ledger", ledger) if ledger else ()), "split")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"gt: error: {message}\n")
    lock = desk / "commitments.toml.lock"
    assert {p: p.read_bytes() for p in desk.rglob("*") if p.is_file() and p != lock} == before


@pytest.mark.parametrize("there", ["nothing", "an empty folder", "a file put there since"])
def test_undo_of_split_removes_the_folder_only_when_the_split_made_it_and_it_is_empty(
    gt: Run, ledger_path: Path, there: str
) -> None:
    run = ("--ledger", str(ledger_path))
    folder = ledger_path.parent / "ledger"
    if there == "an empty folder":
        folder.mkdir()
    listed = sorted(p.name for p in ledger_path.parent.iterdir())
    assert gt(*run, "split").exit_code == 0
    assert read_journal(ledger_path).entries[-1].folders == (
        () if there == "an empty folder" else ("ledger",)
    )
    if there == "a file put there since":
        (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert gt(*run, "undo").exit_code == 0
    kept = {"nothing": None, "an empty folder": [], "a file put there since": ["notes.txt"]}
    assert (sorted(p.name for p in folder.iterdir()) if folder.exists() else None) == kept[there]
    journal = journal_path(ledger_path).name
    lock = f"{ledger_path.name}.lock"
    assert sorted(p.name for p in ledger_path.parent.iterdir()) == sorted(
        {*listed, journal, lock} | ({"ledger"} if kept[there] is not None else set())
    )


def test_undo_of_split_after_a_hand_edit_names_the_file_and_changes_nothing(
    gt: Run, ledger_path: Path
) -> None:
    run = ("--ledger", str(ledger_path))
    assert gt(*run, "split").exit_code == 0
    part = ledger_path.parent / "ledger" / "scio-2025-10-31.toml"
    edited = part.read_text(encoding="utf-8").replace(
        'title = "Reduce non-tariff barriers"', 'title = "Cut non-tariff barriers"'
    )
    part.write_text(edited, encoding="utf-8")
    root = ledger_path.read_bytes()
    result = gt(*run, "undo")
    assert (result.exit_code, result.stderr) == (
        1,
        f"gt: error: cannot undo #1 (gt --ledger {ledger_path} split): "
        "ledger/scio-2025-10-31.toml changed since by other means, and putting the whole file "
        "back would undo that change too; nothing was changed (edit it by hand, or with gt "
        "edit, instead)\n",
    )
    assert (ledger_path.read_bytes(), part.read_text(encoding="utf-8")) == (root, edited)


def test_check_suggests_split_for_a_large_one_file_ledger(gt: Run, tmp_path: Path) -> None:
    from bench.generate import generate

    generated = generate(3001, 1)
    path = generated.write(tmp_path / "big")
    result = gt("--ledger", str(path), "check")
    assert result.exit_code == 0
    assert result.stderr == (
        f"hint: {path} holds 3001 commitments in one file; `gt split` makes it one file per "
        "source, each read and written on its own\n"
    )
    assert gt("--ledger", str(path), "split").exit_code == 0
    assert gt("--ledger", str(path), "check").stderr == ""


def test_a_large_one_file_ledger_loads_and_saves_correctly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bench.generate import generate

    generated = generate(3001, 2)
    path = generated.write(tmp_path / "big")
    original = path.read_bytes()
    assert storage.load(path).ledger == generated.ledger
    last = generated.ledger.commitments[-1].id

    def stall(ledger: Ledger) -> Commitment:
        return ledger.find(last).marked(Status.STALLED, dt.date(2026, 7, 1), note="slow")

    changed = storage.update(path, stall)
    expected = generated.ledger.with_commitment(changed)
    assert storage.load(path).ledger == expected  # from the cache
    assert storage.load(path, quotes=False).ledger == expected
    with monkeypatch.context() as env:
        env.setenv("GT_NO_CACHE", "1")
        assert storage.load(path).ledger == expected  # parsed again
    text = path.read_bytes()
    assert text.startswith(original[: original.rindex(b"[[commitments]]")])
    from greentrade_cli.ledgerfile.undo import undo_last

    undo_last(path, None)
    assert path.read_bytes() == original


def test_writes_to_the_root_keep_the_files_it_includes(gt: Run, tmp_path: Path) -> None:
    ledger = tmp_path / "commitments.toml"
    assert gt("init", str(ledger)).exit_code == 0
    assert gt("--ledger", str(ledger), "split").exit_code == 0

    def counts() -> str:
        return str(gt("--ledger", str(ledger), "check").stdout).split(": ok: ")[1].split(";")[0]

    assert counts() == "23 commitments, 4 agencies, 1 source"
    steps = [
        (["agency", "add", "NDRC", "--name", "N"], "23 commitments, 5 agencies, 1 source"),
        (["agency", "edit", "NDRC", "--alias", "X"], "23 commitments, 5 agencies, 1 source"),
        (["source", "add", "s2", "--title", "T", "--publisher", "P", "--date", "2025-11-01"],
         "23 commitments, 5 agencies, 2 sources"),
        (["agency", "remove", "NDRC"], "23 commitments, 4 agencies, 2 sources"),
        (["undo"], "23 commitments, 5 agencies, 2 sources"),
    ]  # fmt: skip
    for args, after in steps:
        done = gt("--ledger", str(ledger), *args)
        assert done.exit_code == 0, done.stderr
        assert counts() == after, args
    listed = gt("--ledger", str(ledger), "list", "--agency", "MIIT", "--as-of", "2026-01-01")
    assert len(listed.stdout.splitlines()) == 5


def test_check_names_the_included_file_that_has_the_problem(gt: Run, tmp_path: Path) -> None:
    ledger = tmp_path / "commitments.toml"
    assert gt("init", str(ledger)).exit_code == 0
    assert gt("--ledger", str(ledger), "split").exit_code == 0
    part = tmp_path / "ledger" / "scio-2025-10-31.toml"
    text = part.read_text(encoding="utf-8")
    part.write_text(text.replace('status = "pledged"', 'status = "bogus"', 1), encoding="utf-8")
    line = text[: text.index('status = "pledged"')].count("\n") + 1
    checked = gt("--ledger", str(ledger), "check")
    assert checked.exit_code == 1
    assert checked.stdout.startswith(f"{part}:{line}: ")
    listed = gt("--ledger", str(ledger), "list")
    assert listed.stderr.startswith(f"gt: error: {part}:{line}: ")


def test_import_names_the_files_it_wrote(gt: Run, root: Path) -> None:
    changes = root.parent / "changes.csv"
    rows = [f"{cid},2025-12-01,in_progress,started" for cid in (IDS[14], IDS[4], IDS[15])]
    changes.write_text("id,date,status,note\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = gt("--ledger", str(root), "import", str(changes))
    assert result.exit_code == 0, result.stderr
    folder = root.parent
    assert result.stderr == (
        f"applied 3 change(s) to 3 commitment(s) in {folder / 'ledger' / 'a.toml'}, "
        f"{folder / 'ledger' / 'b.toml'}\n"
    )
    one = root.parent / "one.csv"
    one.write_text(f"id,date,status\n{IDS[0]},2025-12-02,stalled\n", encoding="utf-8")
    result = gt("--ledger", str(root), "import", str(one))
    assert result.stderr == f"applied 1 change(s) to 1 commitment(s) in {root}\n"


def test_a_dry_run_of_import_names_the_files_the_import_writes(gt: Run, root: Path) -> None:
    folder = root.parent
    changes = folder / "changes.csv"
    rows = [f"{cid},2025-12-01,in_progress" for cid in (IDS[14], IDS[0], IDS[4], IDS[15])]
    changes.write_text("id,date,status\n" + "\n".join(rows) + "\n", encoding="utf-8")
    files = [root, folder / "ledger" / "a.toml", folder / "ledger" / "b.toml"]
    before = [f.read_bytes() for f in files]
    named = f"{root}, {folder / 'ledger' / 'a.toml'}, {folder / 'ledger' / 'b.toml'}"
    dry = gt("--ledger", str(root), "import", "--dry-run", str(changes))
    assert (dry.exit_code, dry.stderr) == (
        0,
        f"would apply 4 change(s) to 4 commitment(s) in {named}; nothing written (--dry-run)\n",
    )
    assert [f.read_bytes() for f in files] == before
    result = gt("--ledger", str(root), "import", str(changes))
    assert (result.exit_code, result.stderr) == (
        0,
        f"applied 4 change(s) to 4 commitment(s) in {named}\n",
    )
    one = folder / "one.csv"
    one.write_text(f"id,date,status\n{IDS[5]},2025-12-02,stalled\n", encoding="utf-8")
    dry = gt("--ledger", str(root), "import", "-n", str(one))
    assert dry.stderr == (
        f"would apply 1 change(s) to 1 commitment(s) in {folder / 'ledger' / 'a.toml'}; "
        "nothing written (--dry-run)\n"
    )


def test_undo_and_its_list_name_the_files_a_split_wrote(gt: Run, tmp_path: Path) -> None:
    from bench.generate import generate

    few = generate(1, 1).write(tmp_path / "few")
    assert gt("--ledger", str(few), "split", "--on", "2025-11-02").exit_code == 0
    assert gt("--ledger", str(few), "undo", "--list").stdout.splitlines()[1].split("\t")[1:] == [
        "2025-11-02",
        getpass.getuser(),
        f"gt --ledger {few} split --on 2025-11-02",
        "commitments.toml, ledger/briefing-00001.toml",
    ]
    assert gt("--ledger", str(few), "undo").stderr == (
        f"undid #1 (gt --ledger {few} split --on 2025-11-02); put back as before: commitments.toml, "
        "ledger/briefing-00001.toml\n"
    )
    many = generate(200, 1).write(tmp_path / "many")
    assert gt("--ledger", str(many), "split").exit_code == 0
    assert gt("--ledger", str(many), "undo").stderr == (
        f"undid #1 (gt --ledger {many} split); put back as before: commitments.toml, "
        "ledger/briefing-00001.toml, ledger/briefing-00002.toml, ledger/briefing-00003.toml "
        "and 5 more\n"
    )


def _check(gt: Run, root: Path) -> tuple[int, list[str]]:
    result = gt("--ledger", str(root), "check")
    assert result.stderr == ""
    return result.exit_code, result.stdout.splitlines()


def _line(text: str, wanted: str, after: int = 0) -> int:
    """The 1-based number of the first line of ``text`` below line ``after`` that is ``wanted``."""
    return text.splitlines().index(wanted, after) + 1


def test_check_names_an_id_given_in_an_earlier_file_with_the_files_other_problems(
    gt: Run, root: Path
) -> None:
    a, b = root.parent / "ledger" / "a.toml", root.parent / "ledger" / "b.toml"
    text = b.read_text(encoding="utf-8")
    agency = next(line for line in text.splitlines() if line.startswith("agency = "))
    xx, kept = 'agency = "XX"', 'status = "kept"'
    again = _blocks(BLOCKS[5:6]).replace('status = "pledged"', kept, 1)
    assert again != _blocks(BLOCKS[5:6])
    text = text.replace(agency, xx, 1) + "\n" + again
    b.write_text(text, encoding="utf-8")
    header = len(text.splitlines()) - text.splitlines()[::-1].index("[[commitments]]")
    twice = f"duplicate id: {a} has a commitment with this id already; ids are unique across files"
    statuses = "pledged, in_progress, stalled, partially_met, met, missed, withdrawn"
    assert _check(gt, root) == (
        1,
        [
            f"{b}:{_line(text, xx)}: {IDS[13]}: agency: unknown agency 'XX'; "
            "declare [agencies.XX] or use one of: MOFCOM, MIIT, PBOC, SAMR",
            f"{b}:{header}: {IDS[5]}: id: {twice}",
            f"{b}:{_line(text, kept, header)}: {IDS[5]}: status: unknown status "
            f"'kept'; use one of: {statuses}",
        ],
    )
    text = text.replace(xx, agency, 1).replace(kept, 'status = "pledged"')
    b.write_text(text, encoding="utf-8")  # its own problems fixed: the duplicate is still named
    assert _check(gt, root) == (1, [f"{b}:{header}: {IDS[5]}: id: {twice}"])


def test_check_names_every_id_a_file_gives_again(gt: Run, root: Path) -> None:
    a, b = root.parent / "ledger" / "a.toml", root.parent / "ledger" / "b.toml"
    text = b.read_text(encoding="utf-8") + "\n" + _blocks([BLOCKS[1], BLOCKS[5]])
    b.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    first, second = [n + 1 for n, line in enumerate(lines) if line == "[[commitments]]"][-2:]
    tail = "has a commitment with this id already; ids are unique across files"
    assert _check(gt, root) == (
        1,
        [
            f"{b}:{first}: {IDS[1]}: id: duplicate id: {root} {tail}",
            f"{b}:{second}: {IDS[5]}: id: duplicate id: {a} {tail}",
        ],
    )


def test_the_ids_of_a_file_that_is_not_toml_are_not_known(gt: Run, root: Path) -> None:
    b = root.parent / "ledger" / "b.toml"
    text = b.read_text(encoding="utf-8") + "\n" + _blocks(BLOCKS[5:6]) + "\nnot toml\n"
    b.write_text(text, encoding="utf-8")
    line = len(text.splitlines())
    assert _check(gt, root) == (
        1,
        [
            f"{b}:{line}: is not valid TOML: expected '=' after a key in a key/value pair at "
            "column 5; fix the line and run `gt check`"
        ],
    )


def test_an_id_given_again_in_an_earlier_file_is_named_before_a_later_files_problems(
    gt: Run, root: Path
) -> None:
    a, b = root.parent / "ledger" / "a.toml", root.parent / "ledger" / "b.toml"
    text = a.read_text(encoding="utf-8") + "\n" + _blocks(BLOCKS[0:1])
    a.write_text(text, encoding="utf-8")
    b.write_text(b.read_text(encoding="utf-8").replace("[[commitments]]", "[[commitment]]", 1))
    header = len(text.splitlines()) - text.splitlines()[::-1].index("[[commitments]]")
    assert _check(gt, root) == (
        1,
        [
            f"{a}:{header}: {IDS[0]}: id: duplicate id: {root} has a commitment with this id "
            "already; ids are unique across files",
            f"{b}: commitment: unknown field; known fields: schema, agencies, sources, "
            "commitments, include",
        ],
    )


@pytest.mark.parametrize("cached", [False, True])
def test_an_undo_that_would_give_an_id_in_two_files_is_refused(
    gt: Run, root: Path, cached: bool
) -> None:
    assert gt("--ledger", str(root), "remove", IDS[5], "--yes").exit_code == 0
    b = root.parent / "ledger" / "b.toml"
    b.write_text(b.read_text(encoding="utf-8") + "\n" + _blocks(BLOCKS[5:6]), encoding="utf-8")
    if cached:  # the undo then reads ledger/a.toml alone, and b.toml only to name the id
        assert gt("--ledger", str(root), "check").exit_code == 0
    before = _bytes(root)
    result = gt("--ledger", str(root), "undo")
    assert result.exit_code == 1
    assert result.stderr == (
        f"gt: error: cannot undo #1 (gt --ledger {root} remove {IDS[5]} --yes): the ledger would "
        f"then not be valid ({b}:157: {IDS[5]}: id: duplicate id: {root.parent / 'ledger' / 'a.toml'} "
        "has a commitment with this id already; ids are unique across files); nothing was changed\n"
    )
    assert _bytes(root) == before


def test_check_names_the_problems_of_every_file_that_has_any(gt: Run, root: Path) -> None:
    a, b = root.parent / "ledger" / "a.toml", root.parent / "ledger" / "b.toml"
    a_text, b_text = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    agency = next(line for line in a_text.splitlines() if line.startswith("agency = "))
    a.write_text(a_text.replace(agency, 'agency = "XX"', 1), encoding="utf-8")
    kept = 'status = "kept"'
    b_text = b_text.replace('status = "pledged"', kept, 1) + "\n" + _blocks(BLOCKS[0:1])
    b.write_text(b_text, encoding="utf-8")
    header = len(b_text.splitlines()) - b_text.splitlines()[::-1].index("[[commitments]]")
    statuses = "pledged, in_progress, stalled, partially_met, met, missed, withdrawn"
    first = (
        f"{a}:{_line(a_text, agency)}: {IDS[3]}: agency: unknown agency 'XX'; declare "
        "[agencies.XX] or use one of: MOFCOM, MIIT, PBOC, SAMR"
    )
    assert _check(gt, root) == (
        1,
        [
            first,
            f"{b}:{_line(b_text, kept)}: {IDS[13]}: status: unknown status "
            f"'kept'; use one of: {statuses}",
            f"{b}:{header}: {IDS[0]}: id: duplicate id: {root} has a commitment with this id "
            "already; ids are unique across files",
        ],
    )
    b.write_text(b_text.replace(kept, 'status = "pledged"'), encoding="utf-8")
    assert _check(gt, root) == (  # b's duplicate alone: b reads, and is merged after a
        1,
        [
            first,
            f"{b}:{header}: {IDS[0]}: id: duplicate id: {root} has a commitment with this id "
            "already; ids are unique across files",
        ],
    )
    listed = gt("--ledger", str(root), "list")  # other commands stop at the first file
    assert (listed.exit_code, listed.stdout, listed.stderr) == (1, "", f"gt: error: {first}\n")
