"""`gt remove` and `gt undo` from the command line: confirmation, exact bytes, refusals."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from typer.testing import Result

from greentrade_cli.ledgerfile.journal import journal_path
from tests.conftest import Run

CID = "mofcom-green-governance-forums"
TITLE = "Take an active part in green development discussions at the G20, BRICS, APEC and UNCTAD"
QUESTION = (
    f"Remove {CID} ({TITLE}; 0 history entries, 0 measurements)? A dropped pledge is marked "
    "withdrawn instead [y/N]:"
)
NOTHING_TO_UNDO = "gt: error: nothing to undo: {journal} records no write to {ledger} that is not undone already\n"


@pytest.fixture(autouse=True)
def user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "ana")


def block(text: str, cid: str) -> str:
    start = text.index(f'[[commitments]]\nid = "{cid}"\n')
    end = text.find("\n\n", start)
    return text[start : end + 2] if end != -1 else text[start:]


def test_remove_asks_and_takes_out_only_that_block(gt: Run, ledger_path: Path) -> None:
    original = ledger_path.read_text(encoding="utf-8")
    result = gt("--ledger", str(ledger_path), "remove", "mofcom-green-gov", input="y\n")
    assert result.exit_code == 0
    assert result.stderr == f"{QUESTION}removed {CID}; `gt undo` puts it back\n"
    assert ledger_path.read_text(encoding="utf-8") == original.replace(block(original, CID), "")
    assert block(original, CID).startswith(f'[[commitments]]\nid = "{CID}"\ntitle = ')


@pytest.mark.parametrize("answer", ["n\n", "\n", ""], ids=["no", "default", "end-of-input"])
def test_remove_not_confirmed_changes_nothing(gt: Run, ledger_path: Path, answer: str) -> None:
    original = ledger_path.read_bytes()
    result = gt("--ledger", str(ledger_path), "remove", CID, input=answer)
    assert result.exit_code == 1
    assert result.stderr.startswith(QUESTION)
    assert result.stderr.endswith(f"{CID}: not removed\n")
    assert ledger_path.read_bytes() == original
    assert not journal_path(ledger_path).exists()


def test_remove_yes_skips_the_question_and_the_last_block_leaves_no_gap(
    gt: Run, ledger_path: Path
) -> None:
    original = ledger_path.read_text(encoding="utf-8")
    last = "pboc-green-assets-global-issuance"
    result = gt("--ledger", str(ledger_path), "remove", last, "--yes")
    assert (result.exit_code, result.stderr) == (0, f"removed {last}; `gt undo` puts it back\n")
    gone = "\n" + block(original, last)
    assert original.endswith(gone)
    assert ledger_path.read_text(encoding="utf-8") == original[: -len(gone)]


def test_remove_help_says_a_dropped_pledge_is_marked_withdrawn(gt: Run) -> None:
    result = gt("remove", "--help")
    assert "A pledge that the government dropped is not removed: mark it withdrawn" in " ".join(
        result.stdout.split()
    )


@pytest.mark.parametrize(
    "command",
    [
        ["remove", CID, "--yes"],
        ["mark", CID, "in_progress", "--on", "2025-11-05", "--note", "G20 statement"],
        ["mark", CID, "met", "--on", "2025-11-05"],  # refused: nothing to undo after it
    ],
    ids=["remove", "mark", "refused-mark"],
)
def test_undo_reverts_each_write_byte_for_byte(
    gt: Run, ledger_path: Path, command: list[str]
) -> None:
    original = ledger_path.read_bytes()
    wrote = gt("--ledger", str(ledger_path), *command).exit_code == 0
    result = gt("--ledger", str(ledger_path), "undo", "--on", "2025-11-06")
    assert ledger_path.read_bytes() == original
    if wrote:
        assert result.exit_code == 0
        assert result.stderr == (
            f"undid #1 (gt --ledger {ledger_path} {' '.join(command)}); put back as before: "
            f"commitments/{CID}\n"
        ).replace("--note G20 statement", "--note 'G20 statement'")
    else:
        assert result.exit_code == 1
        assert result.stderr == NOTHING_TO_UNDO.format(
            journal=journal_path(ledger_path), ledger=ledger_path
        )


def test_undo_list_shows_what_can_be_undone_newest_first(
    gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ledger_path.parent)

    def run(*args: str) -> Result:
        return gt("--ledger", "commitments.toml", *args)

    assert run("mark", CID, "in_progress", "--on", "2025-11-05").exit_code == 0
    assert run("remove", "mofcom-fta-neg", "--yes", "--on", "2025-11-06").exit_code == 0
    assert run("mark", "pboc-green-assets", "stalled", "--on", "2025-11-07").exit_code == 0
    assert run("undo", "--on", "2025-11-08").exit_code == 0
    result = run("undo", "--list")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "seq\tdate\tby\tcommand\tchanges",
        "2\t2025-11-06\tana\tgt --ledger commitments.toml remove mofcom-fta-neg --yes --on "
        "2025-11-06\tcommitments/mofcom-fta-negotiations",
        f"1\t2025-11-05\tana\tgt --ledger commitments.toml mark {CID} in_progress --on "
        f"2025-11-05\tcommitments/{CID}",
    ]


def test_undo_refuses_a_commitment_changed_by_hand_and_changes_nothing(
    gt: Run, ledger_path: Path
) -> None:
    assert (
        gt("--ledger", str(ledger_path), "mark", CID, "stalled", "--on", "2025-11-05").exit_code
        == 0
    )
    text = ledger_path.read_text(encoding="utf-8").replace("G20, BRICS", "G20 and BRICS", 1)
    ledger_path.write_text(text, encoding="utf-8")
    journal = journal_path(ledger_path).read_bytes()
    result = gt("--ledger", str(ledger_path), "undo")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"gt: error: cannot undo #1 (gt --ledger {ledger_path} mark {CID} stalled --on "
        f"2025-11-05): commitment {CID} changed since by other means; nothing was changed (edit "
        "it by hand, or with gt edit, instead)\n"
    )
    assert ledger_path.read_text(encoding="utf-8") == text
    assert journal_path(ledger_path).read_bytes() == journal


def test_undo_with_nothing_to_undo(gt: Run, ledger_path: Path) -> None:
    result = gt("--ledger", str(ledger_path), "undo")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == NOTHING_TO_UNDO.format(
        journal=journal_path(ledger_path), ledger=ledger_path
    )
    listed = gt("--ledger", str(ledger_path), "undo", "--list")
    assert (listed.exit_code, listed.stdout, listed.stderr) == (0, "", "Nothing to undo.\n")


def test_undo_on_the_bundled_ledger_is_refused(gt: Run) -> None:
    result = gt("undo")
    assert result.exit_code == 1
    assert result.stderr.startswith("gt: error: the bundled briefing ledger is read-only;")
    listed = gt("undo", "--list")
    assert (listed.exit_code, listed.stderr) == (0, "Nothing to undo.\n")


def test_a_record_is_undone_and_logged_with_who_recorded_it(gt: Run, ledger_path: Path) -> None:
    original = ledger_path.read_bytes()
    args = ["record", "miit-green-factories-2030", "28", "--on", "2026-03-31", "--source", "MIIT"]
    assert gt("--ledger", str(ledger_path), *args).exit_code == 0
    log = gt("--ledger", str(ledger_path), "log", "--since", "2026-01-01")
    assert log.stdout.splitlines()[1:] == [
        "2026-03-31\tmiit-green-factories-2030\tMIIT\tmeasurement\tmeasured 28%\t\tMIIT\tana"
    ]
    result = gt("--ledger", str(ledger_path), "undo")
    assert result.stderr == (
        f"undid #1 (gt --ledger {ledger_path} {' '.join(args)}); put back as before: "
        "commitments/miit-green-factories-2030\n"
    )
    assert ledger_path.read_bytes() == original


ADDED = (
    "[[commitments]]\n"
    'id = "miit-build-platform"\n'
    'title = "Build a platform"\n'
    'agency = "MIIT"\n'
    'source = "scio-2025-10-31"\n'
    'quote = "ensuring security enables better development"\n'
    'status = "pledged"\n'
)


@pytest.mark.parametrize("blank", ["\n", "\n\n\n", " \t\n"], ids=["one", "three", "spaces"])
def test_an_add_after_trailing_blank_lines_is_one_block_and_its_undo_takes_out_only_it(
    gt: Run, ledger_path: Path, blank: str
) -> None:
    text = ledger_path.read_text(encoding="utf-8") + blank  # as an editor may leave it
    ledger_path.write_text(text, encoding="utf-8")
    add = [
        *("--ledger", str(ledger_path), "add", "--title", "Build a platform", "-a", "MIIT"),
        *("--source", "scio-2025-10-31", "--quote", "ensuring security enables better development"),
        *("--on", "2025-11-05"),
    ]
    assert gt(*add).stderr == "added miit-build-platform\n"
    assert ledger_path.read_text(encoding="utf-8") == text[: -len(blank)] + "\n" + ADDED + blank
    log = gt("--ledger", str(ledger_path), "log", "--since", "2025-11-05")
    assert log.stdout.splitlines()[1:] == [
        "2025-11-05\tmiit-build-platform\tMIIT\tedit\tadded\t\t\tana"
    ]
    edited = ledger_path.read_text(encoding="utf-8").replace(
        'title = "Reduce non-tariff barriers"', 'title = "Cut non-tariff barriers"'
    )
    ledger_path.write_text(edited, encoding="utf-8")
    result = gt("--ledger", str(ledger_path), "undo", "--on", "2025-11-06")
    assert (result.exit_code, result.stderr) == (
        0,
        f"undid #1 ({shlex.join(['gt', *add])}); put back as before: "
        "commitments/miit-build-platform\n",
    )
    assert ledger_path.read_text(encoding="utf-8") == text.replace(
        'title = "Reduce non-tariff barriers"', 'title = "Cut non-tariff barriers"'
    )


def test_undo_of_a_whole_file_write_after_a_hand_edit_names_the_file(
    gt: Run, ledger_path: Path
) -> None:
    text = ledger_path.read_text(encoding="utf-8").rstrip("\n")  # no final newline: not
    ledger_path.write_text(text, encoding="utf-8")  # a matter of whole blocks, kept whole
    add = [
        *("--ledger", str(ledger_path), "add", "--title", "Build a platform", "-a", "MIIT"),
        *("--source", "scio-2025-10-31", "--quote", "ensuring security enables better development"),
    ]
    assert gt(*add).exit_code == 0
    edited = ledger_path.read_text(encoding="utf-8").replace(
        'title = "Reduce non-tariff barriers"', 'title = "Cut non-tariff barriers"'
    )
    ledger_path.write_text(edited, encoding="utf-8")
    result = gt("--ledger", str(ledger_path), "undo")
    assert (result.exit_code, result.stderr) == (
        1,
        f"gt: error: cannot undo #1 ({shlex.join(['gt', *add])}): commitments.toml changed "
        "since by other means, and putting the whole file back would undo that change too; "
        "nothing was changed (edit it by hand, or with gt edit, instead)\n",
    )
    assert ledger_path.read_text(encoding="utf-8") == edited


def test_a_damaged_journal_line_is_named_by_reads_and_writes_go_on_after_it(
    gt: Run, ledger_path: Path
) -> None:
    run = ("--ledger", str(ledger_path))
    assert gt(*run, "mark", CID, "in_progress", "--on", "2025-11-05").exit_code == 0
    journal = journal_path(ledger_path)
    journal.write_bytes(journal.read_bytes() + b"{broken\n")
    marked = gt(*run, "mark", "pboc-green-assets", "stalled", "--on", "2025-11-06")
    assert (marked.exit_code, marked.stderr) == (
        0,
        "pboc-green-assets-global-issuance: stalled on 2025-11-06\n",
    )
    note = (
        f"note: {journal}:2: not a gt journal record, skipped; gt undo cannot take back a "
        "write recorded there (restore the line from a copy, or delete it, to clear this note)\n"
    )
    listed = gt(*run, "undo", "--list")
    assert (listed.stdout.splitlines(), listed.stderr) == (
        [
            "seq\tdate\tby\tcommand\tchanges",
            f"3\t2025-11-06\tana\tgt --ledger {ledger_path} mark pboc-green-assets stalled "
            "--on 2025-11-06\tcommitments/pboc-green-assets-global-issuance",
            f"1\t2025-11-05\tana\tgt --ledger {ledger_path} mark {CID} in_progress --on "
            f"2025-11-05\tcommitments/{CID}",
        ],
        note,
    )
    log = gt(*run, "log", "--since", "2025-11-01")
    assert (log.stdout.splitlines(), log.stderr) == (
        [
            "date\tcommitment\tagency\tkind\twhat\tnote\tevidence\tby",
            "2025-11-06\tpboc-green-assets-global-issuance\tPBOC\tstatus\tpledged → stalled"
            "\t\t\tana",
            f"2025-11-05\t{CID}\tMOFCOM\tstatus\tpledged → in_progress\t\t\tana",
        ],
        note,
    )
    assert gt(*run, "undo").stderr.startswith("undid #3 (")
    refused = gt(*run, "undo")
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"gt: error: cannot undo #1 (gt --ledger {ledger_path} mark {CID} in_progress --on "
        f"2025-11-05): {journal}:2, a later line of the journal, is not a gt journal record "
        "and may hold a newer write; nothing was changed (restore the line from a copy, or "
        "delete it and run gt undo again)\n",
    )


def test_a_journal_cut_short_loses_only_its_last_record_for_reads_and_writes(
    gt: Run, ledger_path: Path
) -> None:
    run = ("--ledger", str(ledger_path))
    assert gt(*run, "mark", CID, "in_progress", "--on", "2025-11-05").exit_code == 0
    assert gt(*run, "mark", CID, "stalled", "--on", "2025-11-06").exit_code == 0
    journal = journal_path(ledger_path)
    first, second = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(first + second[:100])  # as a full disk or a crash may leave it
    listed = gt(*run, "undo", "--list")
    assert (listed.stdout.splitlines()[1:], listed.stderr) == (
        [
            f"1\t2025-11-05\tana\tgt --ledger {ledger_path} mark {CID} in_progress --on "
            f"2025-11-05\tcommitments/{CID}"
        ],
        "",
    )
    assert gt(*run, "mark", CID, "met", "--on", "2025-11-07", "-e", "G20").exit_code == 0
    lines = journal.read_bytes().splitlines(keepends=True)
    assert (lines[0], [json.loads(line)["seq"] for line in lines]) == (first, [1, 2])


LAST = "pboc-green-assets-global-issuance"


@pytest.mark.parametrize(
    ("cid", "extra"),
    [(CID, "\n"), (CID, "\n\n"), (CID, " \t\n"), (LAST, "\n")],
    ids=["two-below", "three-below", "spaces-below", "two-above-the-last"],
)
def test_a_remove_beside_more_than_one_blank_line_is_journaled_as_its_block(
    gt: Run, ledger_path: Path, cid: str, extra: str
) -> None:
    text = ledger_path.read_text(encoding="utf-8")
    start = text.index(f'[[commitments]]\nid = "{cid}"\n')
    end = text.find("\n\n", start) + 1  # where the block's lines end
    if cid == LAST:  # the last block: the blank lines above it go with it
        assert end == 0 and text.endswith("\n") and not text.endswith("\n\n")
        spaced = text[:start] + extra + text[start:]
        gone = text[: start - 1]
        before = extra + text[start:]  # its lines and the blank lines but one
    else:
        spaced = text[:end] + extra + text[end:]
        gone = text[:start] + text[end + 1 :]
        before = text[start:end] + extra  # its lines and the blank lines but one
    ledger_path.write_bytes(spaced.encode("utf-8"))
    ids = [line.split('"')[1] for line in text.splitlines() if line.startswith("id = ")]
    args = ["--ledger", str(ledger_path), "remove", cid, "--yes", "--on", "2025-11-05"]
    assert gt(*args).exit_code == 0
    assert ledger_path.read_text(encoding="utf-8") == gone
    records = [
        json.loads(line) for line in journal_path(ledger_path).read_text("utf-8").splitlines()
    ]
    assert records == [
        {
            "seq": 1,
            "on": "2025-11-05",
            "command": shlex.join(["gt", *args]),
            "user": "ana",
            "changes": [
                {
                    "table": "commitments",
                    "key": cid,
                    "before": before,
                    "after": None,
                    "prev": f"commitments/{ids[ids.index(cid) - 1]}",
                }
            ],
        }
    ]
    undone = gt("--ledger", str(ledger_path), "undo", "--on", "2025-11-06")
    assert (undone.exit_code, undone.stderr) == (
        0,
        f"undid #1 ({shlex.join(['gt', *args])}); put back as before: commitments/{cid}\n",
    )
    assert ledger_path.read_bytes() == spaced.encode("utf-8")


def test_undo_list_on_a_narrow_terminal_names_what_it_left_out(
    gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = ("--ledger", str(ledger_path))
    assert (
        gt(*base, "mark", "mofcom-fta-negotiations", "stalled", "--on", "2026-01-02").exit_code == 0
    )
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "20")
    listed = gt("--color", "never", *base, "undo", "--list")
    assert [line.rstrip() for line in listed.stdout.splitlines()] == [
        "",
        "  #   Date",
        " " + "─" * 16,
        "  1   2026-01-02",
        "",
    ]
    assert listed.stderr == (
        "left out command, changes, by to fit 20 columns; widen the terminal or see every "
        "column in a pipe\n"
    )
