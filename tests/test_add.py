"""`gt add` and `gt source add`: exact ledger bytes, derived ids, prompts, refusals, undo."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greentrade_cli.cli import authoring_commands
from greentrade_cli.ledgerfile.journal import journal_path
from greentrade_cli.model.ids import ID_FORMAT, MAX_ID_LENGTH, derive_id
from tests.conftest import Run

QUOTE = "ensuring security enables better development"
TITLE = "Build a public platform for green trade services"
SOURCE = "scio-2025-10-31"
READ_ONLY = (
    "gt: error: the bundled briefing ledger is read-only; run `gt init` to write an editable "
    "./commitments.toml (or pass --ledger PATH), then run this again\n"
)


@pytest.fixture(autouse=True)
def user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "ana")


def add(gt: Run, ledger: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = gt("--ledger", str(ledger), "add", *args, "--on", "2025-11-03", input=input)
    return result.exit_code, result.stdout, result.stderr


def basic(title: str = TITLE) -> list[str]:
    return ["--title", title, "--agency", "MIIT", "--source", SOURCE, "--quote", QUOTE]


def plain_block(suffix: str) -> bytes:
    """The block `gt add` appends for :func:`basic` options, its id ending in ``suffix``."""
    return (
        b"\n"
        b"[[commitments]]\n"
        b'id = "miit-build-public-platform-green-trade-services' + suffix.encode() + b'"\n'
        b'title = "Build a public platform for green trade services"\n'
        b'agency = "MIIT"\n'
        b'source = "scio-2025-10-31"\n'
        b'quote = "ensuring security enables better development"\n'
        b'status = "pledged"\n'
    )


def test_add_appends_one_block_and_nothing_else(gt: Run, ledger_path: Path) -> None:
    original = ledger_path.read_bytes()
    args = [*basic(), "--speaker", "Li Chenggang", "--deadline", "2030-06", "-t", "platform"]
    assert add(gt, ledger_path, *args) == (
        0,
        "",
        "added miit-build-public-platform-green-trade-services\n",
    )
    assert ledger_path.read_bytes() == original + (
        b"\n"
        b"[[commitments]]\n"
        b'id = "miit-build-public-platform-green-trade-services"\n'
        b'title = "Build a public platform for green trade services"\n'
        b'agency = "MIIT"\n'
        b'speaker = "Li Chenggang"\n'
        b'source = "scio-2025-10-31"\n'
        b'quote = "ensuring security enables better development"\n'
        b'status = "pledged"\n'
        b'deadline = "2030-06"\n'
        b"tags = [\n"
        b'    "platform",\n'
        b"]\n"
    )


@pytest.mark.parametrize(
    ("numbers", "message"),
    [
        (["--target-value", "2,000"], "--target-value: 2000% is not a possible value"),
        (["--target-value", "40", "--baseline", "-1"], "--baseline: -1% is not a possible value"),
    ],
)
def test_add_refuses_a_share_beyond_0_to_100_percent(
    gt: Run, ledger_path: Path, numbers: list[str], message: str
) -> None:
    original = ledger_path.read_bytes()
    target = ["--metric", "Share of green exports", "--target-unit", "%", "--direction", "increase"]
    assert add(gt, ledger_path, *basic(), *target, *numbers) == (
        2,
        "",
        f"gt: error: {message}: the metric names a share, which is 0 to 100%; give percentage "
        "points (40 for 40%)\n",
    )
    assert ledger_path.read_bytes() == original


def test_add_with_a_target_infers_the_direction_from_the_baseline(
    gt: Run, ledger_path: Path
) -> None:
    original = ledger_path.read_bytes()
    target = ["--metric", "Share of green exports", "--target-value", "40", "--target-unit", "%"]
    baseline = ["--baseline", "25", "--baseline-date", "2025-01-01"]
    by_chinese_name = [{"MIIT": "工业和信息化部"}.get(arg, arg) for arg in basic()]
    assert add(gt, ledger_path, *by_chinese_name, *target, *baseline)[0] == 0
    assert ledger_path.read_bytes() == original + (
        b"\n"
        b"[[commitments]]\n"
        b'id = "miit-build-public-platform-green-trade-services"\n'
        b'title = "Build a public platform for green trade services"\n'
        b'agency = "MIIT"\n'
        b'source = "scio-2025-10-31"\n'
        b'quote = "ensuring security enables better development"\n'
        b'status = "pledged"\n'
        b"\n"
        b"[commitments.target]\n"
        b'metric = "Share of green exports"\n'
        b'unit = "%"\n'
        b"value = 40.0\n"
        b'direction = "increase"\n'
        b"\n"
        b"[commitments.target.baseline]\n"
        b"value = 25.0\n"
        b"date = 2025-01-01\n"
    )


def test_derived_ids_never_collide(gt: Run, ledger_path: Path) -> None:
    original = ledger_path.read_bytes()
    for expected in ("", "-2", "-3"):
        code, _, err = add(gt, ledger_path, *basic())
        assert (code, err) == (
            0,
            f"added miit-build-public-platform-green-trade-services{expected}\n",
        )
    blocks = plain_block("") + plain_block("-2") + plain_block("-3")
    assert ledger_path.read_bytes() == original + blocks


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["--id", "mofcom-fta-negotiations"],
            1,
            "--id: a commitment with id 'mofcom-fta-negotiations' already exists; choose "
            "another, or leave --id out to derive a free one",
        ),
        (
            ["--id", "Bad Id"],
            2,
            "--id: 'Bad Id' is not an id; use lower-case letters and digits joined by '-' or '.' "
            "(e.g. miit-green-factories-2030), or leave --id out to derive one",
        ),
        (
            ["--id", "a" * 300],
            2,
            "--id: 300 characters is too long; an id has at most 100, as gt names files after "
            "it; shorten it",
        ),
        (
            ["--agency", "MOFA"],
            2,
            "unknown agency 'MOFA'; use one of: MOFCOM (Ministry of Commerce), MIIT (Ministry of "
            "Industry and Information Technology), PBOC (People's Bank of China), SAMR (State "
            "Administration for Market Regulation); or declare it first with `gt agency add MOFA "
            "--name NAME`",
        ),
        (
            ["--source", "scio-2025-11-01"],
            1,
            "--source: unknown source 'scio-2025-11-01'; use one of: scio-2025-10-31 (or declare "
            "it first with `gt source add`)",
        ),
        (
            ["--deadline", "2030-13"],
            2,
            "--deadline: '2030-13' is not a real date (month must be in 1..12)",
        ),
        (
            ["--deadline", "2025-10-30"],
            2,
            "--deadline: '2025-10-30' falls due before the pledge was made (2025-10-31); "
            "correct the deadline or the source's date",
        ),
        (
            ["--deadline", "soon"],
            2,
            "--deadline: 'soon' is not a deadline; write YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            [
                "--metric",
                "m",
                "--target-value",
                "40",
                "--target-unit",
                "%",
                "--baseline",
                "50",
                "--direction",
                "increase",
            ],
            2,
            "--direction increase from --baseline 50 to --target-value 40 is not possible; check the values",
        ),
        (
            ["--metric", "m", "--target-value", "40", "--target-unit", "%", "--baseline", "40"],
            2,
            "--target-value 40 is the same as --baseline 40; a target must differ from its "
            "starting value",
        ),
        (
            ["--metric", "Share"],
            2,
            "--target-value is needed with --metric, --target-unit, --direction or --baseline",
        ),
        (
            ["--quote", "We will build it."],
            1,
            "{ledger}: miit-build-public-platform-green-trade-services: quote: not found verbatim "
            "in sources/scio-2025-10-31.txt; copy the exact words of the source",
        ),
        (
            ["--on", "2025-11-31"],
            2,
            "--on: '2025-11-31' is not a real date (day is out of range for month)",
        ),
    ],
    ids=[
        "id-taken",
        "id-malformed",
        "id-too-long",
        "unknown-agency",
        "unknown-source",
        "impossible-deadline",
        "deadline-before-pledge",
        "not-a-deadline",
        "unreachable-target",
        "target-equal-to-baseline",
        "target-without-value",
        "quote-not-in-source",
        "bad-on-date",
    ],
)
def test_a_refused_add_names_the_problem_and_writes_nothing(
    gt: Run, ledger_path: Path, args: list[str], code: int, message: str
) -> None:
    original = ledger_path.read_bytes()
    result = gt("--ledger", str(ledger_path), "add", *basic(), *args)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr == f"gt: error: {message.format(ledger=ledger_path)}\n"
    assert ledger_path.read_bytes() == original
    assert not journal_path(ledger_path).exists()


def test_missing_fields_are_an_error_when_not_on_a_terminal(gt: Run, ledger_path: Path) -> None:
    original = ledger_path.read_bytes()
    assert add(gt, ledger_path, "--title", TITLE, "--target-value", "40") == (
        2,
        "",
        "gt: error: gt add needs --agency, --source, --quote, --metric, --target-unit, "
        "--direction; give them as options (standard input is not a terminal, so gt cannot "
        "ask for them)\n",
    )
    assert ledger_path.read_bytes() == original


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--title", "Line one\nline two"], "--title holds a line break; give the title in one line"),
        (["--title", "Line one\u2028line two"], "--title holds a line break; give the title in one line"),
        (["--title", ""], "--title must not be empty"),
        (["--title", "  "], "--title must not be empty"),
        (["--quote", ""], "--quote must not be empty"),
        (["--source", ""], "--source must not be empty"),
        (["--agency", ""], "--agency must not be empty"),
    ],
)  # fmt: skip
def test_a_title_is_one_line_and_a_field_given_empty_is_named(
    gt: Run, ledger_path: Path, args: list[str], message: str
) -> None:
    original = ledger_path.read_bytes()
    fields = {"--title": TITLE, "--agency": "MIIT", "--source": SOURCE, "--quote": QUOTE}
    fields[args[0]] = args[1]
    given = [part for pair in fields.items() for part in pair]
    assert add(gt, ledger_path, *given) == (2, "", f"gt: error: {message}\n")
    assert ledger_path.read_bytes() == original


def test_missing_fields_are_asked_for_on_a_terminal(
    gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(authoring_commands, "stdin_is_terminal", lambda: True)
    original = ledger_path.read_bytes()
    answers = f"{TITLE}\nMOFA\nIndustry and Information Technology\n\n{QUOTE}\n"
    code, out, err = add(gt, ledger_path, input=answers)
    assert code == 0
    # Prompts go to stderr; the test runner echoes the answers (after a space) to stdout.
    assert out == "".join(f" {line}\n" for line in answers.splitlines())
    assert err == (
        "Title (one line saying what was promised):"
        "Agency (code or name):"
        "Error: unknown agency 'MOFA'; use one of: MOFCOM (Ministry of Commerce), MIIT (Ministry "
        "of Industry and Information Technology), PBOC (People's Bank of China), SAMR (State "
        "Administration for Market Regulation)\n"
        "Agency (code or name):"
        "Source id [scio-2025-10-31]:"
        "Quote (the source's exact words):"
        "added miit-build-public-platform-green-trade-services\n"
    )
    added = add(gt, ledger_path, *basic())  # the same pledge again, all by options
    assert added[2] == "added miit-build-public-platform-green-trade-services-2\n"
    assert ledger_path.read_bytes() == original + plain_block("") + plain_block("-2")


def test_a_real_terminal_is_asked(ledger_path: Path) -> None:
    """Run gt in a child process whose standard input is a pseudo-terminal."""
    pty = pytest.importorskip("pty")
    original = ledger_path.read_bytes()
    main, child = pty.openpty()
    answers = f"{TITLE}\nMIIT\n\n{QUOTE}\n"
    command = [sys.executable, "-c", "from greentrade_cli.cli import main; main()", "add"]
    env = {**os.environ, "LOGNAME": "ana"}
    with subprocess.Popen(
        command, stdin=child, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        cwd=ledger_path.parent, env=env,
    ) as process:  # fmt: skip
        os.close(child)
        os.write(main, answers.encode())
        out, err = process.communicate(timeout=120)
    os.close(main)
    assert process.returncode == 0, err
    assert err.decode() == (
        "Title (one line saying what was promised):Agency (code or name):"
        "Source id [scio-2025-10-31]:Quote (the source's exact words):"
        "added miit-build-public-platform-green-trade-services\n"
    )
    assert out.decode().strip() == ""  # the prompts' trailing spaces
    assert ledger_path.read_bytes() == original + plain_block("")


def test_add_on_the_bundled_ledger_is_refused_before_asking(
    gt: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(authoring_commands, "stdin_is_terminal", lambda: True)
    result = gt("add")
    assert (result.exit_code, result.stderr) == (1, READ_ONLY)


def test_an_add_is_undone_byte_for_byte(gt: Run, ledger_path: Path) -> None:
    original = ledger_path.read_bytes()
    assert add(gt, ledger_path, *basic())[0] == 0
    result = gt("--ledger", str(ledger_path), "undo", "--on", "2025-11-04")
    assert result.exit_code == 0
    assert ledger_path.read_bytes() == original


def test_source_add_archives_the_text_and_lets_new_pledges_quote_it(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    original = ledger_path.read_text(encoding="utf-8")
    text = tmp_path / "notice.txt"
    text.write_text("MOFCOM will publish a green trade catalogue in 2026.\n", encoding="utf-8")
    result = gt(
        "--ledger", str(ledger_path), "source", "add", "mofcom-2025-11-12",
        "--title", "Notice on green trade", "--publisher", "Ministry of Commerce",
        "--date", "2025-11-12", "--text", str(text), "--on", "2025-11-12",
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        "added source mofcom-2025-11-12 (text archived as sources/mofcom-2025-11-12.txt)\n"
    )
    assert ledger_path.read_text(encoding="utf-8") == original.replace(
        'archive = "sources/scio-2025-10-31.txt"\n',
        'archive = "sources/scio-2025-10-31.txt"\n'
        "\n"
        "[sources.mofcom-2025-11-12]\n"
        'title = "Notice on green trade"\n'
        'publisher = "Ministry of Commerce"\n'
        "date = 2025-11-12\n"
        'archive = "sources/mofcom-2025-11-12.txt"\n',
    )
    archive = ledger_path.parent / "sources" / "mofcom-2025-11-12.txt"
    assert archive.read_bytes() == text.read_bytes()
    code, _, err = add(
        gt, ledger_path, "--title", "Publish a green trade catalogue", "--agency", "MOFCOM",
        "--source", "mofcom-2025-11-12", "--quote", "will publish a green trade catalogue",
    )  # fmt: skip
    assert (code, err) == (0, "added mofcom-publish-green-trade-catalogue\n")
    code, _, err = add(gt, ledger_path, *basic("Another"), "--source", "mofcom-2025-11-12")
    assert code == 1
    assert err.endswith(
        "quote: not found verbatim in sources/mofcom-2025-11-12.txt; copy the exact words of "
        "the source\n"
    )


def test_source_add_refusals_write_nothing(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    original = ledger_path.read_bytes()
    other = tmp_path / "other.txt"
    other.write_text("Other words.\n", encoding="utf-8")
    base = ["--title", "T", "--publisher", "P", "--date", "2025-11-12"]
    cases = [
        (["scio-2025-10-31", *base], 1, f"{ledger_path}: a source with id 'scio-2025-10-31' already exists"),
        (["Bad_Id", *base], 2, "source id 'Bad_Id' must be lower-case letters and digits joined by '-' (e.g. mofcom-2025-11-05)"),
        (["s2", "--title", "T", "--publisher", "P", "--date", "2025-11-13", "--on", "2025-11-12"], 2, "--date: 2025-11-13 is after the day of this change (2025-11-12, --on or today); give the day the source was published"),
        (["s" * 101, *base], 2, "source id: 101 characters is too long; an id has at most 100, as gt names files after it; shorten it"),
        (["s2", "--title", "T", "--publisher", "P", "--date", "12/11/2025"], 2, "--date: '12/11/2025' is not a date; write YYYY-MM-DD"),
        (["s2", *base, "--text", str(tmp_path / "missing.txt")], 2, f"--text: {tmp_path / 'missing.txt'}: no such file"),
        (["scio-2025-10-31", *base, "--text", str(other)], 1, f"{ledger_path.parent / 'sources' / 'scio-2025-10-31.txt'} already exists with other text; move it away or choose another source id"),
        (["s2", "--title", " ", "--publisher", "P", "--date", "2025-11-12", "--text", str(other)], 2, "--title must not be empty"),
    ]  # fmt: skip
    for args, code, message in cases:
        result = gt("--ledger", str(ledger_path), "source", "add", *args)
        assert (result.exit_code, result.stderr) == (code, f"gt: error: {message}\n"), args
    assert ledger_path.read_bytes() == original
    assert sorted(p.name for p in (ledger_path.parent / "sources").iterdir()) == [
        "scio-2025-10-31.txt"
    ]
    assert not journal_path(ledger_path).exists()


def test_source_add_reads_only_a_regular_text_file_of_at_most_the_ledger_cap(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    from greentrade_cli.ledgerfile.ledger_file import MAX_BYTES

    original = ledger_path.read_bytes()
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_BYTES + 2**20)  # sparse: nothing written to disk
    cases = [
        (fifo, f"{fifo}: is not a regular file (a pipe or a device?); give a text file"),
        (Path("/dev/zero"), "/dev/zero: is not a regular file (a pipe or a device?); give a text file"),
        (huge, f"{huge}: is 257.0 MiB; gt reads text files of at most 256 MiB, split the file"),
        (tmp_path, f"{tmp_path}: is a folder, not a text file; give the path of a file"),
    ]  # fmt: skip
    base = ["s2", "--title", "T", "--publisher", "P", "--date", "2025-11-12"]
    for path, message in cases:
        result = gt("--ledger", str(ledger_path), "source", "add", *base, "--text", str(path))
        assert (result.exit_code, result.stderr) == (2, f"gt: error: --text: {message}\n")
    assert ledger_path.read_bytes() == original
    assert not (ledger_path.parent / "sources" / "s2.txt").exists()


def test_source_add_refuses_a_text_holding_terminal_controls(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    original = ledger_path.read_bytes()
    evil = tmp_path / "evil.txt"
    base = ["s2", "--title", "T", "--publisher", "P", "--date", "2025-11-12", "--text", str(evil)]
    cases = [
        ("Ports.\nWe will open \x1b]0;PWNED\x07\x1b[2J50 new ports.\n", "2: holds the control "
         "character U+001B, which would garble terminals and exports; remove it"),
        ("We will open \u009b2J50 ports.\n", "1: holds the control character U+009B, which "
         "would garble terminals and exports; remove it"),
        ("Tab\tand CRLF\r\nthen \u202egnp.exe\r\n", "2: holds the bidirectional control "
         "character U+202E, which would show the text in another order than it is written; "
         "remove it"),
    ]  # fmt: skip
    for text, message in cases:
        evil.write_bytes(text.encode("utf-8"))
        result = gt("--ledger", str(ledger_path), "source", "add", *base)
        assert (result.exit_code, result.stderr) == (2, f"gt: error: --text: {evil}:{message}\n")
    assert ledger_path.read_bytes() == original
    assert not (ledger_path.parent / "sources" / "s2.txt").exists()
    evil.write_bytes(b"Tab\tand CRLF line ends\r\nare text.\r\n")
    added = gt("--ledger", str(ledger_path), "source", "add", *base)
    assert (added.exit_code, added.stderr) == (
        0,
        "added source s2 (text archived as sources/s2.txt)\n",
    )


def test_a_source_add_is_undone_byte_for_byte(gt: Run, ledger_path: Path) -> None:
    original = ledger_path.read_bytes()
    args = ["s2", "--title", "T", "--publisher", "P", "--date", "2025-11-12"]
    assert gt("--ledger", str(ledger_path), "source", "add", *args).exit_code == 0
    assert gt("--ledger", str(ledger_path), "undo").exit_code == 0
    assert ledger_path.read_bytes() == original


@pytest.mark.parametrize(
    ("agency", "title", "expected"),
    [
        ("MOFCOM", "Reduce tariffs on APEC Environmental Goods List products to below 5%",
         "mofcom-reduce-tariffs-apec-environmental-goods-list"),
        ("PBOC", "Développer la finance verte", "pboc-developper-la-finance-verte"),
        ("SAMR", "完善绿色产品认证", "samr-commitment"),
        ("MIIT", "To the", "miit-to-the"),
        ("NEA", "Cut coal's share of power to 2,000 GW", "nea-cut-coals-share-power-2000-gw"),
        ("NEA", "Cut coal’s share to 2.5%", "nea-cut-coals-share-2.5"),
    ],
)  # fmt: skip
def test_derive_id_examples(agency: str, title: str, expected: str) -> None:
    assert derive_id(agency, title, set()) == expected


@pytest.mark.parametrize(
    ("title", "instead", "expected"),
    [
        ("完善绿色产品认证", ("Share of certified green products", SOURCE), "samr-share-certified-green-products"),
        ("完善绿色产品认证", ("绿色产品占比", SOURCE), "samr-scio-2025-10-31"),
        ("完善绿色产品认证", ("", SOURCE), "samr-scio-2025-10-31"),
        ("Improve certification", ("Share of certified green products", SOURCE), "samr-improve-certification"),
    ],
)  # fmt: skip
def test_a_title_without_latin_letters_gives_way_to_the_metric_then_the_source(
    title: str, instead: tuple[str, ...], expected: str
) -> None:
    assert derive_id("SAMR", title, set(), instead) == expected


def test_add_derives_the_id_of_a_chinese_title_from_its_source(gt: Run, ledger_path: Path) -> None:
    original = ledger_path.read_bytes()
    chinese = ["--agency", "MIIT", "--source", SOURCE, "--quote", QUOTE, "--title", "绿色贸易"]
    assert add(gt, ledger_path, *chinese) == (0, "", "added miit-scio-2025-10-31\n")
    assert add(gt, ledger_path, *chinese) == (0, "", "added miit-scio-2025-10-31-2\n")
    target = ["--target-value", "40", "--metric", "Share of green factories", "--target-unit", "%"]
    assert add(gt, ledger_path, *chinese, *target, "--direction", "increase") == (
        0,
        "",
        "added miit-share-green-factories\n",
    )
    assert add(gt, ledger_path, *chinese, "--id", "miit-green-trade") == (
        0,
        "",
        "added miit-green-trade\n",
    )
    added = ledger_path.read_bytes()[len(original) :].decode("utf-8")
    assert [line for line in added.splitlines() if line.startswith("id = ")] == [
        'id = "miit-scio-2025-10-31"',
        'id = "miit-scio-2025-10-31-2"',
        'id = "miit-share-green-factories"',
        'id = "miit-green-trade"',
    ]


def test_a_derived_id_is_cut_to_the_longest_an_id_may_be() -> None:
    title = "Cut " + "x" * 200
    ident = derive_id("MIIT", title, set())
    assert (ident, len(ident)) == ("miit-cut-" + "x" * 91, MAX_ID_LENGTH)
    assert derive_id("MIIT", title, {ident}) == "miit-cut-" + "x" * 89 + "-2"
    assert derive_id("MIIT", "Cut " + "x" * 90 + " more", set()) == "miit-cut-" + "x" * 90


@given(
    agency=st.from_regex(r"[A-Z][A-Z0-9]{0,5}", fullmatch=True),
    title=st.text(max_size=60),
    taken_suffixes=st.sets(st.integers(1, 6)),
)
def test_a_derived_id_is_well_formed_and_never_taken(
    agency: str, title: str, taken_suffixes: set[int]
) -> None:
    base = derive_id(agency, title, set())
    taken = {base if n == 1 else f"{base}-{n}" for n in taken_suffixes}
    ident = derive_id(agency, title, taken)
    assert ident not in taken
    assert ID_FORMAT.match(ident)
    assert re.fullmatch(re.escape(base) + r"(-\d+)?", ident)
