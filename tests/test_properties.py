"""Property tests: random ledgers round-trip and take a mark touching only their own lines;
`gt check` agrees with the loader on random breakage; random argument lists never give a
traceback or an invalid ledger; hostile text, extreme numbers and hostile environments
(encodings, terminals, full or closed output) never give a traceback, invalid JSON or a
ledger `gt check` refuses."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from greentrade_cli.cli import app
from greentrade_cli.errors import LedgerError
from greentrade_cli.ledgerfile import storage
from greentrade_cli.ledgerfile.schema import commitment_to_data, text_problem
from greentrade_cli.ledgerfile.tomlmap import quick_layout, scan, split_lines
from greentrade_cli.model.agency import Agency
from greentrade_cli.model.baseline import Baseline
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.deadline import Deadline
from greentrade_cli.model.history import HistoryEntry
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.source import Source
from greentrade_cli.model.status import Status
from greentrade_cli.model.target import Direction, Target
from tests.conftest import Run
from tests.small_ledgers import SOURCE_TEXT

PLEDGED_ON = dt.date(2025, 10, 31)
SOURCE = Source("brief", "Briefing", "SCIO", PLEDGED_ON, "brief.txt")
AGENCIES = {"MOFCOM": Agency("MOFCOM", "Ministry of Commerce", "商务部", ("MOC",))}
QUOTES = [
    "We will open wider to green goods.",
    "Tariffs on listed products will fall below 5% by 2030.",
    'We will "keep" working on standards.',
    "We will \u201ckeep\u201d\u00a0working   on standards.",
]
FAST = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Any text TOML can hold: no lone surrogates; control characters are escaped by tomli-w.
# Ledger text may hold any character but surrogates and the control characters the
# schema refuses (tab, line feed and NEL are allowed; bidirectional controls are not).
text = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n\x85"), max_size=24
).filter(lambda s: text_problem(s) is None)
words = text.filter(lambda s: bool(s.strip()))
# History and measurements end before the day the CLI marks (a change cannot be dated
# after the real today, and 2026-07-01 is past for every run of this suite).
LAST_DAY = dt.date(2026, 6, 30)
dates = st.dates(min_value=PLEDGED_ON, max_value=LAST_DAY)
numbers = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@st.composite
def commitments(draw: st.DrawFn, ident: str) -> Commitment:
    entries = sorted(
        draw(st.lists(st.tuples(dates, st.sampled_from(Status), text, text), max_size=3))
    )
    history = tuple(HistoryEntry(d, s, n, e) for d, s, n, e in entries)
    if history and history[-1].status is Status.MET and not history[-1].evidence.strip():
        last = history[-1]
        history = (*history[:-1], HistoryEntry(last.date, last.status, last.note, "a report"))
    if history:
        status = history[-1].status
    else:
        status = draw(st.sampled_from([s for s in Status if s is not Status.MET]))
    target = None
    measurements: tuple[Measurement, ...] = ()
    if draw(st.booleans()):
        value, start = draw(numbers), draw(st.none() | numbers)
        direction = draw(st.sampled_from(Direction))
        baseline = None
        if start is not None and start != value:
            direction = Direction.INCREASE if start < value else Direction.DECREASE
            baseline = Baseline(start, draw(st.none() | st.dates(max_value=PLEDGED_ON)))
        target = Target(draw(words), draw(words), value, direction, baseline)
        points = sorted(draw(st.lists(st.tuples(dates, numbers, text, text), max_size=3)))
        measurements = tuple(Measurement(d, v, s, n) for d, v, s, n in points)
    deadline = draw(st.none() | st.sampled_from(["2027", "2030-06", "2028-02-29"]))
    return Commitment(
        id=ident,
        title=draw(words),
        agency="MOFCOM",
        source="brief",
        quote=draw(st.sampled_from(QUOTES)),
        status=status,
        speaker=draw(text),
        speaker_role=draw(text),
        deadline=None if deadline is None else Deadline.parse(deadline),
        tags=tuple(draw(st.lists(words, max_size=3))),
        history=history,
        measurements=measurements,
        target=target,
    )


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    ids = draw(
        st.lists(
            st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    return Ledger(dict(AGENCIES), {"brief": SOURCE}, tuple(draw(commitments(i)) for i in ids))


def render(ledger: Ledger) -> str:
    """A whole ledger as tomli-w writes it."""
    data = {
        "schema": 1,
        "agencies": {
            a.code: {"name": a.name, "name_zh": a.name_zh, "aliases": list(a.aliases)}
            for a in ledger.agencies.values()
        },
        "sources": {
            s.id: {"title": s.title, "publisher": s.publisher, "date": s.date, "archive": s.archive}
            for s in ledger.sources.values()
        },
        "commitments": [commitment_to_data(c) for c in ledger.commitments],
    }
    return tomli_w.dumps(data)


@st.composite
def layouts(draw: st.DrawFn, ledger: Ledger) -> bytes:
    """``ledger`` as a file a person might keep: comments between commitments, CRLF, a BOM."""
    parts = render(ledger).split("\n[[commitments]]\n")
    comments = [draw(st.sampled_from(["", "# note\n", "# 注意 [/] #\n\n"])) for _ in parts[1:]]
    text = parts[0] + "".join(
        f"\n{c}[[commitments]]\n{p}" for c, p in zip(comments, parts[1:], strict=True)
    )
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode()


@contextmanager
def folder_with(raw: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "brief.txt").write_text(SOURCE_TEXT, encoding="utf-8")
        path = folder / "commitments.toml"
        path.write_bytes(raw)
        yield path


@FAST
@given(st.data())
def test_a_random_ledger_s_quick_layout_is_its_full_scan_s(data: st.DataObject) -> None:
    text = data.draw(layouts(data.draw(ledgers()))).decode("utf-8-sig")
    layout = quick_layout(text, tomllib.loads(text))
    if layout is None:  # it leaves any text with a triple quote to the full scan
        assert '"""' in text or "'''" in text
    else:
        assert layout == scan(text).layout()


@FAST
@given(st.data())
def test_a_random_ledger_reads_back_as_written(gt: Run, data: st.DataObject) -> None:
    ledger = data.draw(ledgers())
    with folder_with(data.draw(layouts(ledger))) as path:
        file = storage.load(path)
        assert file.ledger == ledger
        check = gt("--ledger", str(path), "check")
        assert (check.exit_code, check.stderr) == (0, "")
        before = path.read_bytes()
        storage.save(file, storage.splice(file, ledger.commitments[0]), file.ledger)
        assert path.read_bytes() == before


@FAST
@given(st.data())
def test_a_random_mark_changes_only_its_commitment(data: st.DataObject) -> None:
    ledger = data.draw(ledgers())
    with folder_with(data.draw(layouts(ledger))) as path:
        before = path.read_bytes()
        file = storage.load(path)
        was, where = file.text, file.where  # read before the write changes the file
        index = data.draw(st.integers(0, len(ledger.commitments) - 1))
        old = ledger.commitments[index]
        on = data.draw(
            st.dates(min_value=old.last_change() or PLEDGED_ON, max_value=dt.date(2032, 1, 1))
        )
        status = data.draw(st.sampled_from(Status))
        evidence = data.draw(words) if status is Status.MET else data.draw(text)
        changed = old.marked(status, on, note=data.draw(text), evidence=evidence)
        storage.update(path, lambda _: changed)
        assert storage.load(path).ledger == ledger.with_commitment(changed)
        first, end = where.blocks[index]
        lines = split_lines(was)
        bom = b"\xef\xbb\xbf" if file.bom else b""
        head, tail = (bom + "".join(lines[:first]).encode(), "".join(lines[end:]).encode())
        after = path.read_bytes()
        assert after.startswith(head)
        assert after.endswith(tail)
        assert len(after) >= len(head) + len(tail)
        assert before.startswith(head) and before.endswith(tail)
        if b"\r\n" in before:  # the line-end style is kept in the new lines too
            assert after.count(b"\n") == after.count(b"\r\n")


MUTATIONS = st.sampled_from(["delete", "duplicate", "insert", "swap"])
JUNK = st.sampled_from(
    [
        '"',
        "[",
        "]]",
        "=",
        "\n",
        "#",
        "nan",
        "1e309",
        "2030-02-30",
        "\\",
        "\x00",
        "é",
        "\r",
        "{",
        'status = "x"\n',
    ]
)


@FAST
@given(st.data())
def test_check_agrees_with_every_command_on_broken_ledgers(gt: Run, data: st.DataObject) -> None:
    ledger = data.draw(ledgers())
    raw = data.draw(layouts(ledger))
    lines = raw.split(b"\n")
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(lines) - 1))
        kind = data.draw(MUTATIONS)
        if kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "swap":
            other = data.draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            column = data.draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + data.draw(JUNK).encode() + lines[at][column:]
        if not lines:
            lines = [b""]
    with folder_with(b"\n".join(lines)) as path:
        before = path.read_bytes()
        try:
            storage.load(path)
        except LedgerError:
            loads = False
        else:
            loads = True
        check = gt("--ledger", str(path), "check")
        listed = gt("--ledger", str(path), "list")
        marked = gt(
            "--ledger", str(path), "mark", ledger.commitments[0].id, "stalled", "--on", "2026-07-01"
        )
        assert check.exit_code == (0 if loads else 1)
        assert listed.exit_code == check.exit_code
        if loads:
            assert check.stdout.startswith(f"{path}: ok: ")
            storage.load(path)  # a mark that succeeded left a valid ledger
        else:
            problems = check.stdout.splitlines()
            more = (
                f" (and {len(problems) - 1} more problem(s); run `gt check`)"
                if len(problems) > 1
                else ""
            )
            assert listed.stderr == f"gt: error: {problems[0]}{more}\n"
            assert (marked.exit_code, marked.stderr) == (1, listed.stderr)
            assert path.read_bytes() == before


WORDS = ["list", "show", "mark", "export", "check", "--status", "-s", "--agency", "-a", "--tag",
         "--search", "--sort", "--as-of", "--due-before", "--overdue", "--format", "-f", "--note",
         "-n", "--evidence", "-e", "--on", "--", "met", "stalled", "In-Progress", "MOFCOM", "商务部",
         "csv", "json", "markdown", "deadline", "2025-11-05", "2030-02-30", "2030-13", "-5% drop",
         "[bold]x[/]", "[/]", "\udcff", "a b", "a/b", "", " ", "\n", "-", "--x"]  # fmt: skip


@FAST
@given(st.data())
def test_random_arguments_never_give_a_traceback_or_a_broken_ledger(
    gt: Run, data: st.DataObject
) -> None:
    ledger = data.draw(ledgers())
    ids = [c.id for c in ledger.commitments]
    argument = st.sampled_from(WORDS + ids) | text
    args = data.draw(st.lists(argument, max_size=7))
    with folder_with(render(ledger).encode()) as path:
        before = path.read_bytes()
        result = gt("--ledger", str(path), *args)
        assert result.exit_code in (0, 1, 2)
        after = storage.load(path)  # the ledger is always whole and valid
        if result.exit_code != 0:
            assert path.read_bytes() == before
        else:
            assert len(after.ledger.commitments) == len(ledger.commitments)
        if result.exit_code == 1:
            assert result.stderr.startswith("gt: error: ")
            assert result.stderr.count("\n") == 1


@FAST
@given(st.data())
def test_a_mark_never_drops_a_comment_silently(gt: Run, data: st.DataObject) -> None:
    ledger = data.draw(ledgers())
    lines = render(ledger).split("\n")
    body = [n for n, line in enumerate(lines) if n > 0 and line.strip()]
    places = data.draw(st.lists(st.sampled_from(body), min_size=1, max_size=4, unique=True))
    for k, at in enumerate(sorted(places, reverse=True)):
        if data.draw(st.booleans()):
            lines[at] += f"  # t{k}"
        else:
            lines.insert(at, f"# c{k}")
    with folder_with("\n".join(lines).encode()) as path:
        before = path.read_bytes()
        target = data.draw(st.sampled_from(ledger.commitments))
        on = max(target.last_change() or PLEDGED_ON, PLEDGED_ON).isoformat()
        result = gt("--ledger", str(path), "mark", target.id, "stalled", "--on", on)
        after = path.read_bytes()
        if result.exit_code == 0:
            for k in range(len(places)):
                assert after.count(f"# t{k}".encode()) + after.count(f"# c{k}".encode()) == 1
            day = dt.date.fromisoformat(on)
            if HistoryEntry(day, Status.STALLED, "", "") in target.history:
                assert after == before  # recorded already: nothing written
            else:
                changed = target.marked(Status.STALLED, day)
                assert storage.load(path).ledger == ledger.with_commitment(changed)
        else:
            assert result.exit_code == 1
            assert "whose comment would be lost" in result.stderr
            assert after == before


# -- hostile text, numbers and environments ---------------------------------------------------

# Any text at all but lone surrogates (TOML cannot hold them): control characters (ESC,
# C1), format characters (bidi overrides, zero-width), terminal sequences, markup.
hostile_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=12) | st.sampled_from(
    [
        "\x1b[31mred",
        "\x1b]0;title\x07",
        "a\x9b2J",
        "\u202eevil",
        "zero\u200bwidth",
        "\r\n",
        "[bold]x[/]",
        "%s{0}",
        "\x00",
        "\u2028",
        "商务部 🌱",
    ]
)
extreme = st.floats() | st.sampled_from(
    [sys.float_info.max, -sys.float_info.max, 1.7e308, -1.7e308, 5e-324, -0.0, 1e-300]
)
SPOTS = ["title", "tag", "alias", "note", "metric", "target", "baseline", "measurement"]


def _not_json(constant: str) -> None:
    raise ValueError(f"{constant} is not JSON")


@st.composite
def hostile_ledgers(draw: st.DrawFn) -> bytes:
    """A random ledger with hostile text or extreme numbers in a few of its fields."""
    ledger = draw(ledgers())
    data = tomllib.loads(render(ledger))
    first = data["commitments"][0]
    for spot in draw(st.lists(st.sampled_from(SPOTS), max_size=3)):
        if spot == "title":
            first["title"] = draw(hostile_text)
        elif spot == "tag":
            first["tags"] = [*first.get("tags", []), draw(hostile_text)]
        elif spot == "alias":
            data["agencies"]["MOFCOM"]["aliases"].append(draw(hostile_text))
        elif spot == "note":
            first["history"] = [
                {"date": PLEDGED_ON, "status": "stalled", "note": draw(hostile_text)}
            ]
            first["status"] = "stalled"
        else:
            target = first.setdefault(
                "target", {"metric": "m", "unit": "%", "value": 1.0, "direction": "increase"}
            )
            if spot == "metric":
                target["metric"] = draw(hostile_text)
            elif spot == "target":
                target["value"] = draw(extreme)
            elif spot == "baseline":
                target["baseline"] = {"value": draw(extreme)}
            else:
                first["measurements"] = [{"date": LAST_DAY, "value": draw(extreme)}]
    return tomli_w.dumps(data).encode()


def _commands(draw: st.DrawFn, ident: str) -> list[str]:
    as_of = ["--as-of", "2026-07-01"]
    on = ["--on", "2026-07-01"]
    return draw(
        st.sampled_from(
            [
                ["list", *as_of],
                ["list", "--fields", "id,title,tags,progress,latest", *as_of],
                ["show", ident, *as_of],
                ["show", ident, "--json", *as_of],
                ["export", "--format", "json", *as_of],
                ["export", "--format", "jsonl", *as_of],
                ["export", "--format", "csv", *as_of],
                ["export", "--format", "html", *as_of],
                ["export", "--format", "svg", *as_of],
                ["summary", *as_of],
                ["summary", "--json", *as_of],
                ["agencies"],
                ["agencies", "--json"],
                ["log"],
                ["log", "--json"],
                ["check"],
                ["mark", ident, "met", "-n", draw(hostile_text), "-e", draw(hostile_text), *on],
                ["record", ident, repr(draw(extreme)), *on],
                ["add", "--title", draw(hostile_text), "-a", "MOFCOM", "--source", "brief",
                 "--quote", "We will open wider", "--tag", draw(hostile_text), *on],
            ]
        )
    )  # fmt: skip


def _json_output(args: list[str]) -> bool:
    return "--json" in args or ("export" in args and args[args.index("--format") + 1] == "json")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_hostile_text_numbers_and_encodings_never_give_a_traceback(
    monkeypatch: pytest.MonkeyPatch, data: st.DataObject
) -> None:
    raw = data.draw(hostile_ledgers())
    ident = "x"
    charset = data.draw(st.sampled_from(["utf-8", "ascii", "cp1252", "latin-1"]))
    runner = CliRunner(charset=charset)
    with folder_with(raw) as path, monkeypatch.context() as env:
        if data.draw(st.booleans()):
            env.setenv("TTY_COMPATIBLE", "1")

        def gt(*args: str) -> Result:
            return runner.invoke(
                app, ["--color", "never", "--ledger", str(path), *args], catch_exceptions=False
            )

        sound = gt("check").exit_code == 0
        ident = storage.load(path).ledger.commitments[0].id if sound else "x"
        args = _commands(data.draw, ident)
        result = gt(*args)  # an exception fails the test: no traceback
        assert result.exit_code in (0, 1, 2)
        assert "\x1b" not in result.stdout and "\x1b" not in result.stderr
        if result.exit_code != 0:
            for line in result.stderr.splitlines():
                assert line.startswith("gt: error: ")
        if result.exit_code == 0 and _json_output(args):
            json.loads(result.stdout_bytes.decode("utf-8"), parse_constant=_not_json)
        after = gt("check")
        if sound:
            assert (after.exit_code, after.stderr) == (0, "")
        else:
            assert path.read_bytes() == raw


@settings(max_examples=8, deadline=None)
@given(st.data())
def test_hostile_output_streams_never_give_a_traceback(data: st.DataObject) -> None:
    encoding = data.draw(st.sampled_from(["ascii", "cp1252", "latin-1", "utf-8"]))
    where = data.draw(st.sampled_from(["pipe", "full", "closed"]))
    args = data.draw(
        st.sampled_from(
            [["list"], ["show", "miit-green-f"], ["export", "--format", "json"], ["agencies"],
             ["log"], ["summary"], ["check"], ["--help"]]
        )
    )  # fmt: skip
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    if data.draw(st.booleans()):
        env["TTY_COMPATIBLE"] = "1"
    gt = str(Path(sys.executable).with_name("gt"))
    with open(os.devnull if where != "full" else "/dev/full", "wb") as sink:
        stdout = {"pipe": subprocess.PIPE, "full": sink, "closed": sink}[where]
        if where == "closed":
            command = [sys.executable, "-c", "import os, sys; os.close(1); os.execv(sys.argv[1], sys.argv[1:])", gt, *args]  # fmt: skip
        else:
            command = [gt, *args]
        result = subprocess.run(
            command, env=env, stdout=stdout, stderr=subprocess.PIPE, timeout=60, check=False
        )
    assert b"Traceback" not in result.stderr
    if where == "full":
        assert result.returncode == 1
        assert result.stderr.decode().startswith("gt: error: cannot write to standard output")
    else:  # standard error may hold a note (columns left out on a narrow terminal)
        assert (result.returncode, b"error" in result.stderr) == (0, False)
    if where == "pipe" and "json" in args:
        json.loads(result.stdout, parse_constant=_not_json)
