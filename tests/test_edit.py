"""`gt edit`: the editor loop, driven by a scripted $EDITOR, and the exact ledger bytes after it."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from greentrade_cli.ledgerfile.journal import journal_path
from tests.conftest import Run

EDITOR_SCRIPT = Path(__file__).with_name("scripted_editor.py")
CID = "mofcom-fta-negotiations"
QUOTE = (
    "We will continue advancing FTA negotiations, vigorously promoting two-way market opening, "
    "reducing non-tariff barriers, elevating rule commitments, and fostering cooperation on "
    "standards and conformity assessment to create a fair, transparent, and predictable market "
    "environment for enterprises."
)
BLOCK = f"""[[commitments]]
id = "{CID}"
title = "Continue advancing free trade agreement negotiations"
agency = "MOFCOM"
speaker = "Li Chenggang"
speaker_role = "Vice Minister of Commerce and China's International Trade Negotiator"
source = "scio-2025-10-31"
quote = "{QUOTE}"
status = "pledged"
tags = [
    "fta",
]
"""
SAVE_HINT = (
    "# gt: save and quit to apply; quit without saving, or save an empty file, to change nothing.\n"
    "# gt: comments are not kept; the id cannot be changed.\n\n"
)
RETRY_HINT = "# gt: fix it, then save and quit to try again; save an empty file to give up.\n\n"
BAD_DEADLINE = BLOCK.replace('status = "pledged"\n', 'status = "pledged"\ndeadline = "2030-13"\n')
GOOD_DEADLINE = BLOCK.replace('status = "pledged"\n', 'status = "pledged"\ndeadline = "2030"\n')
DEADLINE_PROBLEM = "line 14: deadline: '2030-13' is not a real date (month must be in 1..12)"


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plan folder for the scripted editor, which $EDITOR now runs."""
    folder = tmp_path / "plan"
    folder.mkdir()
    command = shlex.join([sys.executable, str(EDITOR_SCRIPT), str(folder)])
    monkeypatch.setenv("EDITOR", command)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("LOGNAME", "ana")
    return folder


def header(ledger: Path) -> str:
    return f"# gt edit: commitment {CID} in {ledger}\n"


def shown(plan: Path) -> list[str]:
    """What the editor was shown, run by run."""
    count = len(list(plan.glob("shown-*.toml")))
    return [(plan / f"shown-{n}.toml").read_text(encoding="utf-8") for n in range(1, count + 1)]


def reply(plan: Path, run: int, text: str) -> None:
    (plan / f"reply-{run}.toml").write_text(text, encoding="utf-8")


def edit(gt: Run, ledger: Path) -> tuple[int, str, str]:
    result = gt("--ledger", str(ledger), "edit", CID, "--on", "2025-11-05")
    return result.exit_code, result.stdout, result.stderr


def test_saving_an_edit_rewrites_only_that_commitment(
    gt: Run, ledger_path: Path, plan: Path
) -> None:
    original = ledger_path.read_text(encoding="utf-8")
    edited = GOOD_DEADLINE.replace(
        "Continue advancing free trade agreement negotiations", "Advance FTA negotiations"
    )
    reply(plan, 1, header(ledger_path) + "# my own comment\n\n" + edited)
    assert edit(gt, ledger_path) == (0, "", f"{CID}: saved\n")
    assert shown(plan) == [header(ledger_path) + SAVE_HINT + BLOCK]
    assert ledger_path.read_text(encoding="utf-8") == original.replace(BLOCK, edited)


def test_an_error_reopens_the_editor_with_the_problem_on_top(
    gt: Run, ledger_path: Path, plan: Path
) -> None:
    original = ledger_path.read_text(encoding="utf-8")
    reply(plan, 1, header(ledger_path) + SAVE_HINT + BAD_DEADLINE)
    reply(plan, 2, GOOD_DEADLINE)  # the header may go: it is not part of the commitment
    assert edit(gt, ledger_path) == (0, "", f"{CID}: saved\n")
    assert shown(plan) == [
        header(ledger_path) + SAVE_HINT + BLOCK,
        header(ledger_path) + f"# gt: error: {DEADLINE_PROBLEM}\n" + RETRY_HINT + BAD_DEADLINE,
    ]
    assert shown(plan)[1].splitlines()[13] == 'deadline = "2030-13"'  # line 14, as it says
    assert ledger_path.read_text(encoding="utf-8") == original.replace(BLOCK, GOOD_DEADLINE)


def test_each_new_error_replaces_the_last_one(gt: Run, ledger_path: Path, plan: Path) -> None:
    reply(plan, 1, BAD_DEADLINE)
    reply(plan, 2, BLOCK.replace('agency = "MOFCOM"', 'agency = "MOFA"'))
    reply(plan, 3, "")
    assert edit(gt, ledger_path)[0] == 0
    third = shown(plan)[2]
    assert third.splitlines()[:3] == [
        header(ledger_path).rstrip("\n"),
        "# gt: error: line 8: agency: unknown agency 'MOFA'; declare [agencies.MOFA] or use one "
        "of: MOFCOM, MIIT, PBOC, SAMR",
        RETRY_HINT.rstrip("\n"),
    ]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            BLOCK.replace(f'id = "{CID}"', 'id = "mofcom-fta"'),
            f'line 6: id: cannot be changed by gt edit; put back id = "{CID}"',
        ),
        (
            BLOCK.replace('title = "Continue', "title = Continue"),
            "line 7: not valid TOML: invalid value at column 9",
        ),
        (
            BLOCK.replace("We will continue", "We shall continue"),
            "line 12: quote: not found verbatim in sources/scio-2025-10-31.txt; copy the exact "
            "words of the source",
        ),
        (
            BLOCK + '\n[[commitments]]\nid = "another"\n',
            "the text must hold one [[commitments]] table and nothing else",
        ),
        (
            BLOCK.replace('status = "pledged"', 'status = "met"'),
            "line 13: status: is 'met' without evidence; add a history entry with status = \"met\" "
            "and its evidence",
        ),
    ],
    ids=["id-changed", "not-toml", "quote-not-in-source", "two-tables", "met-without-evidence"],
)
def test_a_problem_is_shown_and_giving_up_changes_nothing(
    gt: Run, ledger_path: Path, plan: Path, body: str, problem: str
) -> None:
    original = ledger_path.read_bytes()
    reply(plan, 1, header(ledger_path) + SAVE_HINT + body)
    # run 2: quit without saving the text with the problem on top
    code, out, err = edit(gt, ledger_path)
    assert shown(plan)[1] == header(ledger_path) + f"# gt: error: {problem}\n" + RETRY_HINT + body
    assert (code, out) == (1, "")
    assert err == (
        f"gt: error: {CID}: the edit still had a problem ({problem}) and was given up; "
        "nothing was changed\n"
    )
    assert ledger_path.read_bytes() == original
    assert not journal_path(ledger_path).exists()


def test_quitting_without_saving_changes_nothing(gt: Run, ledger_path: Path, plan: Path) -> None:
    original = ledger_path.read_bytes()
    assert edit(gt, ledger_path) == (0, "", f"{CID}: no change made; the ledger is unchanged\n")
    assert len(shown(plan)) == 1
    assert ledger_path.read_bytes() == original
    assert not journal_path(ledger_path).exists()


@pytest.mark.parametrize("saved", ["", "\n\n", header(Path("x")) + SAVE_HINT, "# all gone\n"])
def test_saving_an_empty_file_changes_nothing(
    gt: Run, ledger_path: Path, plan: Path, saved: str
) -> None:
    original = ledger_path.read_bytes()
    reply(plan, 1, saved)
    assert edit(gt, ledger_path) == (
        0,
        "",
        f"{CID}: an empty file was saved; the ledger is unchanged\n",
    )
    assert ledger_path.read_bytes() == original


def test_an_empty_file_after_an_error_changes_nothing(
    gt: Run, ledger_path: Path, plan: Path
) -> None:
    original = ledger_path.read_bytes()
    reply(plan, 1, BAD_DEADLINE)
    reply(plan, 2, "")
    assert edit(gt, ledger_path) == (
        0,
        "",
        f"{CID}: an empty file was saved; the ledger is unchanged\n",
    )
    assert ledger_path.read_bytes() == original


def test_a_saved_text_that_reads_back_the_same_changes_nothing(
    gt: Run, ledger_path: Path, plan: Path
) -> None:
    original = ledger_path.read_bytes()
    reply(plan, 1, BLOCK.replace('tags = [\n    "fta",\n]', 'tags = ["fta"]'))
    assert edit(gt, ledger_path) == (0, "", f"{CID}: no change made; the ledger is unchanged\n")
    assert ledger_path.read_bytes() == original


def test_an_editor_that_fails_changes_nothing(gt: Run, ledger_path: Path, plan: Path) -> None:
    original = ledger_path.read_bytes()
    (plan / "exit-1").write_text("3")
    code, out, err = edit(gt, ledger_path)
    command = shlex.join([sys.executable, str(EDITOR_SCRIPT), str(plan)])
    assert (code, out) == (1, "")
    assert err == (
        f"gt: error: the editor {command!r} exited with status 3; nothing was changed (set "
        "VISUAL or EDITOR to an editor's command)\n"
    )
    assert ledger_path.read_bytes() == original


def test_visual_is_preferred_to_editor(
    gt: Run, ledger_path: Path, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", shlex.join([sys.executable, str(EDITOR_SCRIPT), str(plan)]))
    monkeypatch.setenv("EDITOR", "false")
    assert edit(gt, ledger_path)[0] == 0
    assert len(shown(plan)) == 1


def test_a_comment_away_from_the_edited_lines_is_kept(
    gt: Run, ledger_path: Path, plan: Path
) -> None:
    text = ledger_path.read_text(encoding="utf-8")
    commented = text.replace('tags = [\n    "fta",\n]', 'tags = [\n    "fta", # keep\n]', 1)
    ledger_path.write_text(commented, encoding="utf-8")
    reply(plan, 1, GOOD_DEADLINE)
    code, _, err = edit(gt, ledger_path)
    assert (code, err) == (0, f"{CID}: saved\n")
    assert ledger_path.read_text(encoding="utf-8") == commented.replace(
        'status = "pledged"\ntags = [\n    "fta", # keep\n]',
        'status = "pledged"\ndeadline = "2030"\ntags = [\n    "fta", # keep\n]',
        1,
    )


def test_an_edit_is_undone_byte_for_byte(gt: Run, ledger_path: Path, plan: Path) -> None:
    original = ledger_path.read_bytes()
    reply(plan, 1, GOOD_DEADLINE)
    assert edit(gt, ledger_path)[0] == 0
    assert ledger_path.read_bytes() != original
    result = gt("--ledger", str(ledger_path), "undo", "--on", "2025-11-06")
    assert result.exit_code == 0
    assert result.stderr == (
        f"undid #1 (gt --ledger {ledger_path} edit {CID} --on 2025-11-05); put back as before: "
        f"commitments/{CID}\n"
    )
    assert ledger_path.read_bytes() == original


def test_the_bundled_ledger_cannot_be_edited(gt: Run, plan: Path) -> None:
    result = gt("edit", CID)
    assert result.exit_code == 1
    assert result.stderr == (
        "gt: error: the bundled briefing ledger is read-only; run `gt init` to write an editable "
        "./commitments.toml (or pass --ledger PATH), then run this again\n"
    )
    assert shown(plan) == []


def test_an_editor_that_keeps_saving_a_broken_text_is_given_up(
    gt: Run, ledger_path: Path, plan: Path
) -> None:
    before = ledger_path.read_bytes()
    for run in range(1, 12):
        reply(plan, run, f"garbage = = [[[ {run}\n")
    code, _, err = edit(gt, ledger_path)
    assert code == 1
    assert err.startswith(f"gt: error: {CID}: the edit still had a problem after 10 tries (")
    assert err.endswith(") and was given up; nothing was changed\n")
    assert len(shown(plan)) == 10
    assert ledger_path.read_bytes() == before


def test_a_write_elsewhere_while_editing_a_cached_ledger_does_not_spoil_the_edit(
    ledger_path: Path,
) -> None:
    import datetime as dt

    from greentrade_cli.ledgerfile import storage
    from greentrade_cli.ledgerfile.editing import edit_commitment
    from greentrade_cli.model.status import Status

    storage.load(ledger_path)
    file = storage.load(ledger_path)
    assert file.cached is not None  # its text is not read unless needed

    def editor(text: str) -> str:
        storage.update(  # another gt writes another commitment meanwhile
            ledger_path,
            lambda ledger: ledger.find("miit-green-factories-2030").marked(
                Status.STALLED, dt.date(2025, 11, 20), note="meanwhile"
            ),
        )
        return text.replace('status = "pledged"\n', 'status = "pledged"\ndeadline = "2030"\n')

    result = edit_commitment(file, file.ledger.find(CID), editor)
    assert result.commitment is not None
    assert result.commitment.deadline is not None and result.commitment.deadline.text == "2030"


@pytest.mark.parametrize("cache", ["warm", "off"])
def test_a_source_another_file_declares_is_named_where_it_is_declared(
    gt: Run, ledger_path: Path, plan: Path, monkeypatch: pytest.MonkeyPatch, cache: str
) -> None:
    run = ("--ledger", str(ledger_path))
    assert gt(*run, "split").exit_code == 0
    other = ("source", "add", "b-only", "--title", "T", "--publisher", "P", "--date", "2025-10-31")
    assert gt(*run, *other, "--file", str(ledger_path.parent / "ledger" / "b.toml")).exit_code == 0
    if cache == "off":
        monkeypatch.setenv("GT_NO_CACHE", "1")
    files = sorted(ledger_path.parent.rglob("*.toml"))
    before = [p.read_bytes() for p in files]
    body = BLOCK.replace('source = "scio-2025-10-31"', 'source = "b-only"')
    reply(plan, 1, body)
    problem = (
        f"line 11: source: source 'b-only' is declared in {ledger_path.parent}/ledger/b.toml:1; "
        "a commitment may quote only its own file's and the root's sources: move "
        f"[sources.b-only] into {ledger_path}, or this commitment into "
        f"{ledger_path.parent}/ledger/b.toml"
    )
    assert edit(gt, ledger_path) == (
        1,
        "",
        f"gt: error: {CID}: the edit still had a problem ({problem}) and was given up; "
        "nothing was changed\n",
    )
    assert shown(plan)[1] == header(ledger_path) + f"# gt: error: {problem}\n" + RETRY_HINT + body
    assert [p.read_bytes() for p in files] == before


def test_without_an_editor_or_a_terminal_gt_edit_says_what_to_set(
    gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "")
    before = ledger_path.read_bytes()
    result = gt("--ledger", str(ledger_path), "edit", "mofcom-fta-negotiations")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "gt: error: gt edit opens vi, which needs a terminal; run it in one, or set VISUAL "
        "or EDITOR to an editor's command\n",
    )
    assert ledger_path.read_bytes() == before
