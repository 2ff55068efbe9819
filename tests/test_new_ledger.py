"""`gt new`, `gt init PATH` and `gt agency add/edit/remove`: a ledger for another briefing."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from greentrade_cli.ledgerfile import storage
from greentrade_cli.ledgerfile.journal import journal_path
from greentrade_cli.ledgerfile.starter import HEADER
from tests.conftest import BRIEFING_LEDGER, REPO, Run

NDRC = ["NDRC", "--name", "National Development and Reform Commission"]


def test_new_writes_an_empty_ledger_that_gt_uses_here(gt: Run, tmp_path: Path) -> None:
    made = gt("new")
    assert (made.exit_code, made.stderr) == (
        0,
        "wrote commitments.toml; gt uses it when run in this folder (elsewhere: --ledger "
        f"{tmp_path.resolve() / 'commitments.toml'})\n",
    )
    assert (tmp_path / "commitments.toml").read_text(encoding="utf-8") == HEADER
    checked = gt("check")
    assert checked.stdout == (
        "commitments.toml: ok: 0 commitments, 0 agencies, 0 sources; 0 quotes found verbatim "
        "in their archived sources\n"
    )
    again = gt("new")
    assert (again.exit_code, again.stderr) == (
        1,
        "gt: error: commitments.toml already exists; pass --force to overwrite it or give "
        "another PATH\n",
    )


@pytest.mark.parametrize("command", ["new", "init"])
def test_a_ledger_overwritten_with_force_is_put_back_by_undo(
    gt: Run, tmp_path: Path, command: str
) -> None:
    ledger = tmp_path / "commitments.toml"
    assert gt("init").exit_code == 0
    marked = gt("mark", "mofcom-fta-negotiations", "stalled", "--on", "2025-11-05")
    assert marked.exit_code == 0
    before = ledger.read_bytes()
    forced = gt(command, "--force")
    assert (forced.exit_code, forced.stderr) == (
        0,
        "wrote commitments.toml; gt uses it when run in this folder (elsewhere: --ledger "
        f"{ledger.resolve()})\n",
    )
    written = HEADER.encode() if command == "new" else BRIEFING_LEDGER.read_bytes()
    assert ledger.read_bytes() == written
    undone = gt("undo", "--on", "2025-11-06")
    assert (undone.exit_code, undone.stderr) == (
        0,
        f"undid #2 (gt {command} --force); put back as before: commitments.toml\n",
    )
    assert ledger.read_bytes() == before
    again = gt("undo", "--on", "2025-11-06")
    assert again.stderr == (
        "undid #1 (gt mark mofcom-fta-negotiations stalled --on 2025-11-05); put back as "
        "before: commitments/mofcom-fta-negotiations\n"
    )
    assert ledger.read_bytes() == BRIEFING_LEDGER.read_bytes()


def test_undo_of_new_with_force_puts_back_line_ends_and_byte_order_mark(
    gt: Run, tmp_path: Path
) -> None:
    ledger = tmp_path / "commitments.toml"
    old = b"\xef\xbb\xbf" + HEADER.replace("\n", "\r\n").encode()
    ledger.write_bytes(old)
    assert gt("new", "--force", "--agencies").exit_code == 0
    assert ledger.read_bytes().startswith(b"\xef\xbb\xbf# greentrade-cli ledger")  # kept
    undone = gt("undo", "--on", "2025-11-06")
    assert (
        undone.stderr
        == "undid #1 (gt new --force --agencies); put back as before: commitments.toml\n"
    )
    assert ledger.read_bytes() == old


@pytest.mark.parametrize("old", [b"\n", b"  \r\n"])
def test_undo_of_new_with_force_over_a_blank_file_keeps_the_file(
    gt: Run, tmp_path: Path, old: bytes
) -> None:
    ledger = tmp_path / "commitments.toml"
    ledger.write_bytes(old)
    assert gt("new", "--force").exit_code == 0
    undone = gt("undo", "--on", "2025-11-06")
    assert (undone.exit_code, undone.stderr) == (
        0,
        "undid #1 (gt new --force); put back as before: commitments.toml\n",
    )
    assert ledger.read_bytes() == old


def test_new_with_force_over_the_same_text_or_a_file_not_utf8_writes_nothing(
    gt: Run, tmp_path: Path
) -> None:
    ledger = tmp_path / "commitments.toml"
    assert gt("new").exit_code == 0
    assert gt("new", "--force").exit_code == 0
    assert (ledger.read_text(encoding="utf-8"), journal_path(ledger).exists()) == (HEADER, False)
    ledger.write_bytes(b"\xff\xfe")
    refused = gt("new", "--force")
    assert (refused.exit_code, refused.stderr) == (
        1,
        "gt: error: commitments.toml: not UTF-8 text, so gt undo could not put it back; "
        "nothing was written, move the file away first\n",
    )
    assert (ledger.read_bytes(), journal_path(ledger).exists()) == (b"\xff\xfe", False)


def test_new_elsewhere_with_the_bundled_agencies_says_how_to_use_it(
    gt: Run, tmp_path: Path
) -> None:
    (tmp_path / "work").mkdir()
    made = gt("new", "work/mine.toml", "--agencies")
    assert made.stderr == (
        "wrote work/mine.toml; use it with --ledger work/mine.toml or export "
        "GT_LEDGER=work/mine.toml\n"
    )
    written = tomllib.loads((tmp_path / "work/mine.toml").read_text(encoding="utf-8"))
    bundled = tomllib.loads(BRIEFING_LEDGER.read_text(encoding="utf-8"))
    assert written == {"schema": 1, "agencies": bundled["agencies"]}
    listed = gt("agencies", "--ledger", "work/mine.toml")
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == [
        "code", "MOFCOM", "MIIT", "PBOC", "SAMR",
    ]  # fmt: skip


def test_init_elsewhere_says_to_pass_the_path(gt: Run, tmp_path: Path) -> None:
    made = gt("init", "other.toml")
    assert made.stderr == (
        "wrote other.toml; use it with --ledger other.toml or export GT_LEDGER=other.toml\n"
    )


def test_init_and_new_refuse_a_folder_named_as_the_ledger(gt: Run, tmp_path: Path) -> None:
    (tmp_path / "commitments.toml").mkdir()
    (tmp_path / "desk" / "commitments.toml").mkdir(parents=True)
    for args, name in [
        (("init",), "commitments.toml"),
        (("init", "--force"), "commitments.toml"),
        (("new",), "commitments.toml"),
        (("init", "desk"), "desk/commitments.toml"),
    ]:
        refused = gt(*args)
        assert (refused.exit_code, refused.stderr) == (
            1,
            f"gt: error: {Path(name)}: is a folder, not a ledger file; give the PATH of a file "
            "to write, or move the folder\n",
        ), args
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "commitments.toml", "desk", "desk/commitments.toml",
    ]  # fmt: skip
    (tmp_path / "elsewhere").mkdir()
    assert gt("init", "elsewhere").exit_code == 0  # a folder: its commitments.toml
    assert (tmp_path / "elsewhere" / "commitments.toml").is_file()


def test_init_and_new_refuse_a_missing_folder_as_export_does(gt: Run, tmp_path: Path) -> None:
    (tmp_path / "afile").touch()
    for command in ("new", "init"):
        for path, message in [
            ("no/such/x.toml", "the folder no/such does not exist; create it first (mkdir -p "
             "no/such) or give another PATH"),
            ("my notes/x.toml", "the folder 'my notes' does not exist; create it first (mkdir "
             "-p 'my notes') or give another PATH"),
            ("afile/x.toml", "afile is a file, not a folder; give a PATH in a folder"),
        ]:  # fmt: skip
            refused = gt(command, path)
            assert (refused.exit_code, refused.stderr) == (
                1, f"gt: error: {path}: {message}\n"
            ), (command, path)  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_a_path_ending_in_a_slash_names_a_folder(gt: Run, tmp_path: Path) -> None:
    (tmp_path / "afile").touch()
    for command in ("new", "init"):
        for path, message in [
            ("sub/", "sub/commitments.toml: the folder sub does not exist; create it first "
             "(mkdir -p sub) or give another PATH"),
            ("afile/", "afile/commitments.toml: afile is a file, not a folder; give a PATH in "
             "a folder"),
        ]:  # fmt: skip
            refused = gt(command, path)
            assert (refused.exit_code, refused.stderr) == (1, f"gt: error: {message}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]
    (tmp_path / "sub").mkdir()
    written = gt("init", "sub/")
    assert (written.exit_code, written.stderr) == (
        0,
        "wrote sub/commitments.toml; use it with --ledger sub/commitments.toml or export "
        "GT_LEDGER=sub/commitments.toml\n",
    )


def test_init_names_a_source_text_path_it_cannot_write(gt: Run, tmp_path: Path) -> None:
    (tmp_path / "a" / "sources" / "scio-2025-10-31.txt").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "sources").touch()
    for folder, message in [
        ("a", f"{Path('a/sources/scio-2025-10-31.txt')}: is a folder, not a source text"),
        ("b", f"{Path('b/sources')}: is a file, not a folder for the source texts"),
    ]:
        refused = gt("init", folder)
        assert (refused.exit_code, refused.stderr) == (
            1,
            f"gt: error: {message}; move it or give a PATH in another folder\n",
        )
        assert not (tmp_path / folder / "commitments.toml").exists()


def test_init_keeps_a_source_text_of_the_users_own(gt: Run, tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    notes = tmp_path / "sources" / "scio-2025-10-31.txt"
    notes.write_text("my own notes\n", encoding="utf-8")
    refused = gt("init", "other.toml")
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"gt: error: {Path('sources/scio-2025-10-31.txt')} already exists with other text; pass "
        "--force to overwrite it or give a PATH in another folder\n",
    )
    assert notes.read_text(encoding="utf-8") == "my own notes\n"
    assert not (tmp_path / "other.toml").exists()
    assert gt("init", "other.toml", "--force").exit_code == 0
    assert notes.read_bytes() == (REPO / "sources" / "scio-2025-10-31.txt").read_bytes()
    assert gt("init", "third.toml").exit_code == 0  # the same text again is no conflict


def test_add_on_a_ledger_without_agencies_says_how_to_declare_one(gt: Run) -> None:
    assert gt("new").exit_code == 0
    refused = gt("add", "--title", "t", "--agency", "NDRC", "--source", "s", "--quote", "q")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "gt: error: unknown agency 'NDRC': the ledger declares no agency yet; declare one with "
        "`gt agency add CODE --name NAME`\n",
    )


def test_agency_add_edit_remove_and_undo(gt: Run, tmp_path: Path) -> None:
    assert gt("new").exit_code == 0
    ledger = tmp_path / "commitments.toml"
    added = gt("agency", "add", *NDRC, "--name-zh", "国家发展和改革委员会", "--alias", "NDRC China")
    assert (added.exit_code, added.stderr) == (
        0,
        "added agency NDRC (National Development and Reform Commission)\n",
    )
    assert gt("agency", "add", "NEA", "--name", "National Energy Administration").exit_code == 0
    assert ledger.read_text(encoding="utf-8") == HEADER + (
        "\n"
        "[agencies.NDRC]\n"
        'name = "National Development and Reform Commission"\n'
        'name_zh = "国家发展和改革委员会"\n'
        "aliases = [\n"
        '    "NDRC China",\n'
        "]\n"
        "\n"
        "[agencies.NEA]\n"
        'name = "National Energy Administration"\n'
    )
    edited = gt("agency", "edit", "NDRC", "--alias", "Development and Reform")
    assert edited.stderr == "agency NDRC: saved\n"
    agencies = storage.load(ledger).ledger.agencies
    assert agencies["NDRC"].aliases == ("Development and Reform",)
    assert agencies["NDRC"].name_zh == "国家发展和改革委员会"
    before = ledger.read_bytes()
    assert gt("agency", "remove", "NEA", "--on", "2025-11-03").stderr == (
        "removed agency NEA; `gt undo` puts it back\n"
    )
    assert list(storage.load(ledger).ledger.agencies) == ["NDRC"]
    assert gt("undo", "--list").stdout.splitlines()[1].split("\t")[:2] == ["4", "2025-11-03"]
    assert gt("undo", "--on", "2025-11-04").exit_code == 0
    assert ledger.read_bytes() == before
    journal = (tmp_path / ".commitments.toml.gt-journal.jsonl").read_text(encoding="utf-8")
    assert json.loads(journal.splitlines()[-1])["on"] == "2025-11-04"


def test_agency_refusals(gt: Run, ledger_path: Path) -> None:
    base = ("--ledger", str(ledger_path))
    before = ledger_path.read_bytes()
    cases = [
        (("agency", "add", "MIIT", "--name", "x"), 1,
         f"{ledger_path}: agency MIIT already exists; change it with `gt agency edit MIIT`"),
        (("agency", "add", "ndrc", "--name", "x"), 2,
         "agency code 'ndrc' must be upper-case letters and digits, at most 30 (e.g. NDRC)"),
        (("agency", "add", "N" * 31, "--name", "x"), 2,
         f"agency code {'N' * 31!r} must be upper-case letters and digits, at most 30 (e.g. NDRC)"),
        (("agency", "add", "NDRC", "--name", " "), 2, "--name must not be empty"),
        (("agency", "add", "NDRC", "--name", "x", "--alias", "moc"), 1,
         f"the change would make the ledger invalid: {ledger_path}:28: agencies.NDRC.aliases[0]: "
         "alias 'moc' is also an alias of agency MOFCOM; a name must pick out one agency, so "
         "change or remove one of them; nothing was written"),
        (("agency", "edit", "MIIT", "--name", "people's bank of china"), 1,
         f"the change would make the ledger invalid: {ledger_path}:19: agencies.PBOC.name: name "
         "\"People's Bank of China\" is also the name of agency MIIT; a name must pick out one "
         "agency, so change or remove one of them; nothing was written"),
        (("agency", "edit", "NDRC", "--name", "x"), 1,
         f"{ledger_path}: no agency with code 'NDRC' (known: MOFCOM, MIIT, PBOC, SAMR)"),
        (("agency", "remove", "PBOC"), 1,
         "agency PBOC is named by 3 commitment(s) (pboc-green-finance-transition-standards, "
         "pboc-green-service-trade-financing, pboc-green-assets-global-issuance); it cannot be "
         "removed while a pledge names it"),
    ]  # fmt: skip
    for args, code, message in cases:
        result = gt(*base, *args)
        assert (result.exit_code, result.stderr) == (code, f"gt: error: {message}\n"), args
    assert ledger_path.read_bytes() == before
    bundled = gt("agency", "add", *NDRC)
    assert bundled.exit_code == 1
    assert bundled.stderr.startswith("gt: error: the bundled briefing ledger is read-only")
