"""Hostile and broken input: never a traceback, one clear line, a non-zero exit, the file
untouched; and valid but awkward text (BOM, CRLF, markup, CJK, emoji) shown as written."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from greentrade_cli.ledgerfile import ledger_file, storage
from greentrade_cli.ledgerfile.journal import journal_path, read_journal
from greentrade_cli.render.views import status_table
from greentrade_cli.tracking.report import status_rows
from tests.conftest import Run
from tests.small_ledgers import block, ledger_text, write_ledger

MARK = ("mark", "a-1", "stalled", "--on", "2025-11-05")


def run_both(gt: Run, path: Path) -> tuple[str, str]:
    """`gt list` then `gt mark` on ``path``: both must fail the same way and leave the file."""
    before = path.read_bytes() if path.is_file() else None
    listed = gt("--ledger", str(path), "list")
    marked = gt("--ledger", str(path), *MARK)
    for result in (listed, marked):
        assert result.exit_code == 1
        assert result.stdout == ""
    if before is not None:
        assert path.read_bytes() == before
    return listed.stderr, marked.stderr


def broken(tmp_path: Path, text: str | bytes) -> Path:
    path = write_ledger(tmp_path, "")
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


GOOD = ledger_text(block("a-1"))

FILES: dict[str, tuple[bytes, str]] = {
    "empty": (
        b"",
        "is empty; start it with `gt new {path} --force` (an empty ledger) or "
        "`gt init {path} --force` (the bundled briefing's)",
    ),
    "blank": (
        b"\n  \n",
        "is empty; start it with `gt new {path} --force` (an empty ledger) "
        "or `gt init {path} --force` (the bundled briefing's)",
    ),
    "not utf-8": (
        GOOD.encode().replace(b"Title of", b"Titl\xe9 of"),
        ":14: is not UTF-8 text (byte 196); save it as UTF-8",
    ),
    "duplicate table": (
        (GOOD + '\n[agencies.MOFCOM]\nname = "again"\n').encode(),
        ":20: is not valid TOML: cannot declare ('agencies', 'MOFCOM') twice at column 17; "
        "fix the line and run `gt check`",
    ),
    "duplicate key": (
        GOOD.replace('status = "pledged"', 'status = "pledged"\nstatus = "met"').encode(),
        ":19: is not valid TOML: cannot overwrite a value at column 15; fix the line and run `gt check`",
    ),
    "nan target": (
        (
            GOOD
            + '[commitments.target]\nmetric = "m"\nunit = "%"\nvalue = nan\ndirection = "increase"\n'
        ).encode(),
        ":22: a-1: target.value: must be a finite number, not nan",
    ),
    "inf target": (
        (
            GOOD
            + '[commitments.target]\nmetric = "m"\nunit = "%"\nvalue = inf\ndirection = "increase"\n'
        ).encode(),
        ":22: a-1: target.value: must be a finite number, not inf (a number beyond ±1.8e308, "
        "such as 1e309, reads as inf)",
    ),
    "1e309 baseline": (
        (
            GOOD
            + '[commitments.target]\nmetric = "m"\nunit = "%"\nvalue = 5\ndirection = "increase"\n'
            "baseline = { value = -1e309 }\n"
        ).encode(),
        ":24: a-1: target.baseline.value: must be a finite number, not -inf (a number beyond "
        "±1.8e308, such as 1e309, reads as inf)",
    ),
    "deadline 2030-02-30": (
        (GOOD + 'deadline = "2030-02-30"\n').encode(),
        ":19: a-1: deadline: '2030-02-30' is not a real date (day is out of range for month)",
    ),
    "deadline 2030-13": (
        (GOOD + 'deadline = "2030-13"\n').encode(),
        ":19: a-1: deadline: '2030-13' is not a real date (month must be in 1..12)",
    ),
    "deadline 30-06": (
        (GOOD + 'deadline = "30-06"\n').encode(),
        ":19: a-1: deadline: '30-06' is not a deadline; write YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    "date 2030-02-30": (
        GOOD.replace("date = 2025-10-31", "date = 2030-02-30").encode(),
        ":9: is not valid TOML: invalid date or datetime at column 8; fix the line and run `gt check`",
    ),
    "date with a time": (
        GOOD.replace("date = 2025-10-31", "date = 2025-10-31T09:00:00").encode(),
        ":9: sources.brief.date: must be a date such as 2025-10-31 (no quotes, no time), "
        "not a date with a time (2025-10-31T09:00:00)",
    ),
    "id with a space": (
        GOOD.replace('id = "a-1"', 'id = "a 1"').encode(),
        ":13: a 1: id: must be lower-case letters and digits joined by '-' or '.' "
        "(e.g. miit-green-factories-2030)",
    ),
    "id with a slash": (
        GOOD.replace('id = "a-1"', 'id = "a/1"').encode(),
        ":13: a/1: id: must be lower-case letters and digits joined by '-' or '.' "
        "(e.g. miit-green-factories-2030)",
    ),
    "id with a newline": (
        GOOD.replace('id = "a-1"', 'id = "a-1\\n"').encode(),
        ":13: a-1\\n: id: must be lower-case letters and digits joined by '-' or '.' "
        "(e.g. miit-green-factories-2030)",
    ),
    "nested too deep": (
        b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n",
        ": is not a ledger: its arrays or tables are nested too deeply to read",
    ),
    "schema 2": (
        GOOD.replace("schema = 1", "schema = 2").encode(),
        ":1: schema: unsupported schema version 2; this gt reads 1",
    ),
    "a lone carriage return": (
        GOOD.replace('status = "pledged"\n', 'status = "pledged"\r').encode(),
        ":18: is not valid TOML: expected newline or end of document after a statement at "
        "column 19; fix the line and run `gt check`",
    ),
}


@pytest.mark.parametrize("case", FILES)
def test_a_broken_file_gets_one_line_and_is_left_as_it_is(
    gt: Run, tmp_path: Path, case: str
) -> None:
    content, message = FILES[case]
    path = broken(tmp_path, content)
    message = message.replace("{path}", str(path))
    where = str(path) if message.startswith(":") else f"{path}: "
    expected = f"gt: error: {where}{message}\n"
    assert run_both(gt, path) == (expected, expected)
    check = gt("--ledger", str(path), "check")
    assert (check.exit_code, check.stdout, check.stderr) == (1, expected[len("gt: error: ") :], "")


def test_a_missing_file(gt: Run, tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    line = (
        f"gt: error: {path}: no such file; check --ledger, or run `gt init {path}` to create it\n"
    )
    assert run_both(gt, path) == (line, line)
    assert not path.exists()


def test_a_missing_file_named_by_the_environment(
    gt: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GT_LEDGER", "my desk/pledges.toml")
    for command in (["list"], ["check"], ["undo"]):
        result = gt(*command)
        assert (result.exit_code, result.stdout, result.stderr) == (
            1,
            "",
            "gt: error: my desk/pledges.toml: no such file; check $GT_LEDGER, or run "
            "`gt init 'my desk/pledges.toml'` to create it\n",
        ), command
    assert list(tmp_path.iterdir()) == []


def test_a_folder(gt: Run, tmp_path: Path) -> None:
    line = f"gt: error: {tmp_path}: is a folder, not a ledger file; give the path of a file\n"
    assert run_both(gt, tmp_path) == (line, line)


def test_a_pipe_is_refused_without_waiting_for_it(gt: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "ledger.toml"
    os.mkfifo(fifo)
    line = f"gt: error: {fifo}: is not a regular file (a pipe or a device?); give a ledger file\n"
    assert run_both(gt, fifo) == (line, line)


def test_a_path_through_a_file_and_a_link_loop(gt: Run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path, GOOD)
    inside = path / "x.toml"
    line = f"gt: error: {inside}: cannot be read (Not a directory); check the path\n"
    assert run_both(gt, inside) == (line, line)
    (tmp_path / "one.toml").symlink_to(tmp_path / "two.toml")
    (tmp_path / "two.toml").symlink_to(tmp_path / "one.toml")
    loop = tmp_path / "one.toml"
    line = (
        f"gt: error: {loop}: cannot be read (Too many levels of symbolic links); check the path\n"
    )
    assert run_both(gt, loop) == (line, line)


def test_a_nul_in_the_path(gt: Run) -> None:
    result = gt("--ledger", "a\x00b.toml", "list")
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr
        == "gt: error: a\\x00b.toml: is not a usable path (it holds a NUL character)\n"
    )


def test_a_path_that_is_not_utf8_is_journaled_and_undone(gt: Run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path / os.fsdecode(b"p\xff"), GOOD)
    before = path.read_bytes()
    marked = gt("--ledger", str(path), *MARK)
    assert (marked.exit_code, marked.stderr) == (0, "a-1: stalled on 2025-11-05\n")
    (record,) = read_journal(path).entries
    assert record.stamp.command == (
        f"gt --ledger '{tmp_path}/p\\xff/commitments.toml' mark a-1 stalled --on 2025-11-05"
    )
    undone = gt("--ledger", str(path), "undo")
    assert undone.exit_code == 0
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file(gt: Run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path, GOOD)
    path.chmod(0)
    line = f"gt: error: {path}: cannot be read (permission denied); check the file's permissions\n"
    assert run_both(gt, path) == (line, line)


def test_a_file_over_the_size_limit_is_refused_unread(gt: Run, tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(ledger_file.MAX_BYTES + 1)  # sparse: nothing written to disk
    line = f"gt: error: {path}: is 256.0 MiB; gt reads ledger files of at most 256 MiB, split the file\n"
    assert run_both(gt, path) == (line, line)


def test_ten_megabytes_of_noise_is_one_syntax_error(gt: Run, tmp_path: Path) -> None:
    path = broken(tmp_path, b"x" * 10 * 2**20 + b"\n")
    line = (
        f"gt: error: {path}:1: is not valid TOML: expected '=' after a key in a key/value pair "
        "at column 10485761; fix the line and run `gt check`\n"
    )
    assert run_both(gt, path) == (line, line)


def test_a_ten_megabyte_ledger_is_read_and_marked(gt: Run, tmp_path: Path) -> None:
    long_title = 'title = "' + "Expand green trade. " * 60 + '"'
    blocks = [
        block(f"c-{n}").replace(f'title = "Title of c-{n}"', long_title) for n in range(8_500)
    ]
    path = write_ledger(tmp_path, ledger_text(*blocks))
    assert path.stat().st_size > 10 * 2**20
    before = path.read_bytes()
    result = gt("--ledger", str(path), "mark", "c-4000", "stalled", "--on", "2025-11-05")
    assert (result.exit_code, result.stderr) == (0, "c-4000: stalled on 2025-11-05\n")
    old = blocks[4000].encode()
    entry = '[\n    { date = 2025-11-05, status = "stalled" },\n]'
    new = (
        blocks[4000]
        .replace('status = "pledged"', f'status = "stalled"\nhistory = {entry}')
        .encode()
    )
    assert path.read_bytes() == before.replace(old, new)


# -- valid but awkward text ------------------------------------------------------------


def test_a_bom_and_crlf_ledger_reads_like_any_other(gt: Run, tmp_path: Path) -> None:
    path = broken(tmp_path, b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    check = gt("--ledger", str(path), "check")
    assert (check.exit_code, check.stdout) == (
        0,
        f"{path}: ok: 1 commitment, 1 agency, 1 source; 1 quote found verbatim in their archived sources\n",
    )
    listed = gt("--ledger", str(path), "list", "--as-of", "2025-11-05")
    assert listed.stdout.splitlines()[1] == "a-1\tMOFCOM\tTitle of a-1\tpledged\t\t\t\t"


TITLES = [
    "[bold red]x[/]",
    "a lone [/] here",
    "扩大绿色贸易合作",
    "Solar 🌱 panels and ⚡ grids",
    "mixed 中文 [i]",
]


def awkward(tmp_path: Path) -> Path:
    blocks = [
        block(f"t-{n}").replace(f'title = "Title of t-{n}"', f'title = "{title}"')
        for n, title in enumerate(TITLES)
    ]
    return write_ledger(tmp_path, ledger_text(*blocks))


def test_markup_cjk_and_emoji_titles_are_listed_as_written(gt: Run, tmp_path: Path) -> None:
    result = gt("--ledger", str(awkward(tmp_path)), "list", "--as-of", "2025-11-05")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [
        f"t-{n}\tMOFCOM\t{title}\tpledged\t\t\t\t" for n, title in enumerate(TITLES)
    ]


def test_show_prints_markup_as_text(gt_tty: Run, tmp_path: Path) -> None:
    result = gt_tty("--ledger", str(awkward(tmp_path)), "show", "t-0", "--as-of", "2025-11-05")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].rstrip() == "title     [bold red]x[/]"


def test_table_columns_stay_aligned_with_wide_characters(tmp_path: Path) -> None:
    ledger = storage.load(awkward(tmp_path)).ledger
    rows = status_rows(ledger, ledger.commitments, dt.date(2025, 11, 5))
    console = Console(record=True, width=72, color_system=None)
    console.print(status_table(rows, 72).table)
    lines = console.export_text().splitlines()
    assert [line.rstrip() for line in lines[1:-1]] == [
        " Commitment               Agency   Status    Deadline   Progress   Pace",
        " " + "─" * 70,
        " t-0                      MOFCOM   pledged",
        " [bold red]x[/]",
        " t-1                      MOFCOM   pledged",
        " a lone [/] here",
        " t-2                      MOFCOM   pledged",
        " 扩大绿色贸易合作",
        " t-3                      MOFCOM   pledged",
        " Solar 🌱 panels and ⚡",
        " grids",
        " t-4                      MOFCOM   pledged",
        " mixed 中文 [i]",
    ]
    assert {cell_len(line) for line in lines} == {72}
    body = [line for line in lines if "pledged" in line]
    assert {cell_len(line[: line.index("pledged")]) for line in body} == {35}


# -- arguments -----------------------------------------------------------------------------


def test_option_values_that_look_like_options_are_values(gt: Run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path, GOOD)
    result = gt(
        "--ledger",
        str(path),
        "mark",
        "a-1",
        "met",
        "--note",
        "-5% drop",
        "--evidence=--help",
        "--on",
        "2025-11-05",
    )
    assert (result.exit_code, result.stderr) == (0, "a-1: met on 2025-11-05\n")
    entry = storage.load(path).ledger.find("a-1").history[-1]
    assert (entry.note, entry.evidence) == ("-5% drop", "--help")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ("--on", "2030-02-30"),
            2,
            "--on: '2030-02-30' is not a real date (day is out of range for month)",
        ),
        (("--on", "2030-13"), 2, "--on: '2030-13' is not a date; write YYYY-MM-DD"),
        (
            ("--note", "\udcff"),
            1,
            "{path}: the change holds text that is not valid UTF-8 (an argument in another encoding?); nothing was written",
        ),
    ],
)
def test_bad_argument_values_get_one_line(
    gt: Run, tmp_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    path = write_ledger(tmp_path, GOOD)
    before = path.read_bytes()
    extra = () if "--on" in args else ("--on", "2025-11-05")
    result = gt("--ledger", str(path), "mark", "a-1", "stalled", *args, *extra)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr == f"gt: error: {message.format(path=path)}\n"
    assert path.read_bytes() == before


@pytest.mark.parametrize("ident", ["a 1", "a/1", "../a-1", "-a"])
def test_ids_with_spaces_or_slashes_are_unknown_ids(gt: Run, tmp_path: Path, ident: str) -> None:
    path = write_ledger(tmp_path, GOOD)
    result = gt("--ledger", str(path), "show", "--", ident)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"gt: error: no commitment with id {ident!r}; ")


@pytest.mark.parametrize(
    ("args", "char"),
    [
        (
            ("mark", "a-1", "stalled", "--on", "2025-11-02", "--note", "\x1b[31mred\x1b[0m"),
            "U+001B",
        ),
        (("mark", "a-1", "stalled", "--on", "2025-11-02", "--evidence", "bell\x07"), "U+0007"),
    ],
)
def test_control_characters_never_reach_the_ledger(
    gt: Run, tmp_path: Path, args: tuple[str, ...], char: str
) -> None:
    path = write_ledger(tmp_path, ledger_text(block("a-1")))
    before = path.read_bytes()
    result = gt("--ledger", str(path), *args)
    assert result.exit_code == 2
    assert result.stderr == (
        f"gt: error: {args[-2]}: holds the control character {char}, which would garble "
        "terminals and exports; remove it\n"
    )
    assert path.read_bytes() == before
    broken = path.read_text(encoding="utf-8").replace(
        'title = "Title of a-1"', 'title = "Title \\u001b of a-1"'
    )
    path.write_text(broken, encoding="utf-8")
    check = gt("--ledger", str(path), "check")
    assert check.exit_code == 1
    assert check.stdout.endswith(
        "a-1: title: holds the control character U+001B, which would garble terminals and exports; remove it\n"
    )


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["summary", "--targets", "abc"],
            "Invalid value for '--targets': 'abc' is not a valid int range; "
            "see `gt summary --help`",
        ),
        (
            ["list", "--sort", "bogus"],
            "Invalid value for '--sort': 'bogus' is not one of 'ledger', 'id', 'agency', "
            "'status', 'deadline', 'title'; see `gt list --help`",
        ),
        (["list", "--bogus"], "No such option: --bogus; see `gt list --help`"),
        (["show"], "Missing argument 'ID'; see `gt show --help`"),
        (["nosuch"], "No such command 'nosuch'; see `gt --help`"),
        (["lsit"], "No such command 'lsit'. Did you mean 'site', 'list', 'split'? See `gt --help`"),
        (
            ["--color", "bogus", "list"],
            "Invalid value for '--color': 'bogus' is not one of 'auto', 'always', 'never'; "
            "see `gt --help`",
        ),
        (["-x"], "No such option: -x; see `gt --help`"),
        (["--ledger"], "Option '--ledger' requires an argument; see `gt --help`"),
        (["source", "--bogus"], "No such option: --bogus; see `gt source --help`"),
        (["record", "a-1", "5", "-x"], "No such option: -x; see `gt record --help`"),
        (["record", "a-1", "-inf"], "VALUE: '-inf' is not a finite number; give a measured value"),
        (["record", "a-1", "-nan"], "VALUE: '-nan' is not a finite number; give a measured value"),
    ],
)
def test_a_usage_error_is_one_line(gt: Run, args: list[str], line: str) -> None:
    result = gt(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"gt: error: {line}\n")


def test_a_tag_is_held_to_the_rule_for_titles(gt: Run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path, ledger_text(block("a-1")))
    before = path.read_bytes()
    added = gt(
        "--ledger", str(path), "add", "--title", "T", "-a", "MOFCOM", "--source", "brief",
        "--quote", "We will open wider", "--tag", "ok", "--tag", "\x1b]0;owned\x07",
        "--on", "2025-11-05",
    )  # fmt: skip
    assert (added.exit_code, added.stdout, added.stderr) == (
        2,
        "",
        "gt: error: --tag: holds the control character U+001B, which would garble terminals "
        "and exports; remove it\n",
    )
    assert path.read_bytes() == before
    path.write_text(ledger_text(block("a-1", tags='["a", "x\\u009b2J"]')), encoding="utf-8")
    check = gt("--ledger", str(path), "check")
    assert (check.exit_code, check.stdout) == (
        1,
        f"{path}:19: a-1: tags[1]: holds the control character U+009B, which would garble "
        "terminals and exports; remove it\n",
    )
    assert gt("--ledger", str(path), "show", "a-1").exit_code == 1


def test_an_agency_alias_is_held_to_the_rule_for_titles(gt: Run, tmp_path: Path) -> None:
    text = ledger_text(block("a-1")).replace(
        'name = "Ministry of Commerce"',
        'name = "Ministry of Commerce"\naliases = ["MOC", "\\u001b[2J"]',
    )
    path = write_ledger(tmp_path, text)
    check = gt("--ledger", str(path), "check")
    assert (check.exit_code, check.stdout) == (
        1,
        f"{path}:5: agencies.MOFCOM.aliases[1]: holds the control character U+001B, which would "
        "garble terminals and exports; remove it\n",
    )
    agencies = gt("--ledger", str(path), "agencies")
    assert (agencies.exit_code, agencies.stdout) == (1, "")
    assert "\x1b" not in agencies.stderr


def test_a_login_name_with_escapes_is_shown_escaped(
    gt: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_ledger(tmp_path, GOOD)
    monkeypatch.setenv("LOGNAME", "ev\x1b]0;owned\x07il")
    assert gt("--ledger", str(path), *MARK).exit_code == 0
    log = gt("--ledger", str(path), "log")
    assert log.stdout.splitlines()[1] == (
        "2025-11-05\ta-1\tMOFCOM\tstatus\tpledged → stalled\t\t\tev\\\\x1b]0;owned\\\\x07il"
    )  # the escapes, with their backslashes doubled as in every tab-separated cell
    journal = journal_path(path)
    journal.write_text(
        journal.read_text(encoding="utf-8").replace("\\\\x1b", "\\u001b"), encoding="utf-8"
    )  # by hand: a raw ESC in the journal
    assert '"user": "ev\\u001b]0;' in journal.read_text(encoding="utf-8")
    listed = gt("--ledger", str(path), "undo", "--list")
    assert listed.exit_code == 0
    assert "\x1b" not in listed.stdout and "ev\\\\x1b]0;owned\\\\x07il" in listed.stdout


def test_a_bidirectional_override_is_refused_in_any_text(gt: Run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path, ledger_text(block("a-1")))
    before = path.read_bytes()
    marked = gt(
        "--ledger", str(path), "mark", "a-1", "in_progress", "--on", "2025-11-05",
        "--note", "paid \u202e01$ 000,1",
    )  # fmt: skip
    assert (marked.exit_code, marked.stdout, marked.stderr) == (
        2,
        "",
        "gt: error: --note: holds the bidirectional control character U+202E, which would show "
        "the text in another order than it is written; remove it\n",
    )
    assert path.read_bytes() == before
    path.write_text(ledger_text(block("a-1", speaker='"Li \\u2066 x"')), encoding="utf-8")
    check = gt("--ledger", str(path), "check")
    assert (check.exit_code, check.stdout) == (
        1,
        f"{path}:19: a-1: speaker: holds the bidirectional control character U+2066, which "
        "would show the text in another order than it is written; remove it\n",
    )


BELL = "gt: error: {}: holds the control character U+0007, which would garble terminals and exports; remove it\n"
ADD = ("add", "--title", "T", "-a", "MOFCOM", "--source", "brief", "--quote", "We will open wider")


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("mark", "a-1", "stalled", "--note", "n\x07"), "--note"),
        (("mark", "a-1", "stalled", "-e", "e\x07"), "--evidence"),
        (("record", "a-1", "5", "--source", "s\x07"), "--source"),
        (("record", "a-1", "5", "-n", "n\x07"), "--note"),
        (("revise", "a-1", "--note", "n\x07", "--target-value", "3"), "--note"),
        (("revise", "a-1", "--note", "n", "--unit", "u\x07"), "--unit"),
        (("revise", "a-1", "--note", "n", "--deadline", "2030", "-e", "e\x07"), "--evidence"),
        ((*ADD, "--title", "t\x07"), "--title"),
        ((*ADD[:-1], "q\x07"), "--quote"),
        ((*ADD, "--speaker", "s\x07"), "--speaker"),
        ((*ADD, "--speaker-role", "r\x07"), "--speaker-role"),
        ((*ADD, "--metric", "m\x07"), "--metric"),
        ((*ADD, "--target-unit", "u\x07"), "--target-unit"),
        (("source", "add", "s-1", "--title", "t\x07", "--publisher", "p", "--date", "2025-11-01"), "--title"),
        (("source", "add", "s-1", "--title", "t", "--publisher", "p\x07", "--date", "2025-11-01"), "--publisher"),
        (("source", "add", "s-1", "--title", "t", "--publisher", "p", "--date", "2025-11-01", "--url", "https://x/\x07"), "--url"),
        (("agency", "add", "NDRC", "--name", "N\x07"), "--name"),
        (("agency", "add", "NDRC", "--name", "N", "--name-zh", "z\x07"), "--name-zh"),
        (("agency", "add", "NDRC", "--name", "N", "--alias", "a", "--alias", "b\x07"), "--alias"),
        (("agency", "edit", "MOFCOM", "--name", "N\x07"), "--name"),
        (("export", "-f", "html", "--title", "t\x07"), "--title"),
        (("export", "-f", "svg", "--title", "A\x1bB"), "--title"),
    ],
)  # fmt: skip
def test_a_text_option_is_held_to_the_ledger_rule_and_named(
    gt: Run, tmp_path: Path, args: tuple[str, ...], option: str
) -> None:
    path = write_ledger(tmp_path, ledger_text(block("a-1")))
    before = path.read_bytes()
    result = gt("--ledger", str(path), *args)
    message = BELL.replace("U+0007", "U+001B") if "\x1b" in args[-1] else BELL
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message.format(option))
    assert path.read_bytes() == before
