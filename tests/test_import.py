"""gt import: all rows checked first, then one atomic write or none."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from greentrade_cli.ledgerfile import storage
from greentrade_cli.model.history import HistoryEntry
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.status import Status
from greentrade_cli.tracking.bulk_update import plan_import
from greentrade_cli.tracking.import_file import ImportFormat, detect_format, read_import
from greentrade_cli.tracking.import_rows import ImportEntry
from greentrade_cli.tracking.recording import record_measurement
from tests.conftest import Run, as_growth_rate, never_opened

CHANGES = (
    "id,status,date,note,evidence,value,source\r\n"
    "mofcom-fta-negotiations,In-Progress,2025-12-01,Talks resumed,MOFCOM release,,\r\n"
    "miit-green-factories-2030,,2025-12-31,first figure,,31.5,MIIT annual report\r\n"
    "miit-green-factories-2030,,2026-06-30,,,33,MIIT mid-year note\r\n"
)
APPLIED = (
    "mofcom-fta-negotiations: status pledged -> in_progress on 2025-12-01\n"
    "miit-green-factories-2030: measurement 31.5% on 2025-12-31\n"
    "miit-green-factories-2030: measurement 33% on 2026-06-30\n"
)


def write(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``folder/name``; returns the path relative to the working folder
    (tests run in their tmp_path), so that messages name it as a user would."""
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


def run_import(gt: Run, ledger: Path, *args: str, input: str | None = None) -> Result:
    return gt("--ledger", str(ledger), "import", *args, input=input)


def test_csv_applies_status_changes_and_measurements(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    result = run_import(gt, ledger_path, str(write(tmp_path, "changes.csv", CHANGES)))
    assert (result.exit_code, result.stdout) == (0, APPLIED)
    assert result.stderr == f"applied 3 change(s) to 2 commitment(s) in {ledger_path}\n"
    ledger = storage.load(ledger_path).ledger
    fta = ledger.find("mofcom-fta-negotiations")
    assert fta.status is Status.IN_PROGRESS
    assert fta.history == (
        HistoryEntry(dt.date(2025, 12, 1), Status.IN_PROGRESS, "Talks resumed", "MOFCOM release"),
    )
    factories = ledger.find("miit-green-factories-2030")
    assert [(m.date.isoformat(), m.value, m.source, m.note) for m in factories.measurements] == [
        ("2025-12-31", 31.5, "MIIT annual report", "first figure"),
        ("2026-06-30", 33.0, "MIIT mid-year note", ""),
    ]


def test_only_the_changed_blocks_change(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    before = ledger_path.read_text(encoding="utf-8").splitlines()
    run_import(gt, ledger_path, str(write(tmp_path, "changes.csv", CHANGES)))
    after = ledger_path.read_text(encoding="utf-8").splitlines()
    assert before[136] == 'status = "pledged"'  # mofcom-fta-negotiations
    assert before[301:304] == ['    "green-factories",', '    "manufacturing",', "]"]
    assert after == [
        *before[:136],
        'status = "in_progress"',
        *before[137:141],
        "[[commitments.history]]",
        "date = 2025-12-01",
        'status = "in_progress"',
        'note = "Talks resumed"',
        'evidence = "MOFCOM release"',
        "",
        *before[141:304],
        "measurements = [",
        '    { date = 2025-12-31, value = 31.5, source = "MIIT annual report", '
        'note = "first figure" },',
        '    { date = 2026-06-30, value = 33.0, source = "MIIT mid-year note" },',
        "]",
        *before[304:],
    ]


def test_dry_run_prints_and_writes_nothing(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    before = ledger_path.read_bytes()
    result = run_import(gt, ledger_path, "--dry-run", str(write(tmp_path, "c.csv", CHANGES)))
    assert (result.exit_code, result.stdout) == (0, APPLIED)
    assert result.stderr == (
        f"would apply 3 change(s) to 2 commitment(s) in {ledger_path}; nothing written (--dry-run)\n"
    )
    assert ledger_path.read_bytes() == before


BAD = (
    "id,status,date,note,evidence,value,source\n"
    "mofcom-two-way-market-opening,in_progress,2025-12-01,fine,,,\n"
    "mofcom-fta-negotation,stalled,2025-12-01,,,,\n"
    "miit-green-factories-2030,,2026-01-31,,,31%,x\n"
    "mofcom-green-trade-capacity,met,2025-11-01,,,,\n"
    "miit-green-design-manufacturing,,2025-12-31,,,5,\n"
    '"mofcom-fta-rule-commitments",done,"2025-12-01",,,,\n'
    "mofcom-non-tariff-barriers,stalled,2025-10-01,,,,\n"
    "mofcom-non-tariff-barriers,stalled,31/12/2025,,,,\n"
    ",,,,,,\n"
    "mofcom-intl-standards-research,,,,,,\n"
)


def test_one_bad_row_and_nothing_is_written(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    before = ledger_path.read_bytes()
    result = run_import(gt, ledger_path, str(write(tmp_path, "bad.csv", BAD)))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "gt: error: bad.csv:3: mofcom-fta-negotation: id: no commitment with this id; did you "
        "mean mofcom-fta-negotiations?",
        "gt: error: bad.csv:4: miit-green-factories-2030: value: '31%' is not a number; write a "
        "plain number in the target's unit (31.5, not 31.5% or 31,5)",
        "gt: error: bad.csv:5: mofcom-green-trade-capacity: evidence: status met needs evidence "
        "saying what shows it was kept",
        "gt: error: bad.csv:6: miit-green-design-manufacturing: value: the commitment has no "
        "numeric target, so it takes no measurements; add a [commitments.target] to the ledger "
        "first",
        "gt: error: bad.csv:7: mofcom-fta-rule-commitments: status: unknown status 'done'; use "
        "one of: pledged, in_progress, stalled, partially_met, met, missed, withdrawn",
        "gt: error: bad.csv:8: mofcom-non-tariff-barriers: date: 2025-10-01 is before the pledge "
        "was made (2025-10-31)",
        "gt: error: bad.csv:9: mofcom-non-tariff-barriers: date: '31/12/2025' is not a date; "
        "write YYYY-MM-DD",
        "gt: error: bad.csv:11: mofcom-intl-standards-research: gives neither a status nor a "
        "value; fill one in",
        "gt: error: 8 problem(s) in bad.csv; nothing was imported",
    ]
    assert ledger_path.read_bytes() == before


def test_rows_for_one_commitment_apply_in_order(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    rows = (
        "id,status,date,evidence\n"
        "mofcom-fta-negotiations,in_progress,2025-12-01,\n"
        "mofcom-fta-negotiations,stalled,2025-11-20,\n"
    )
    result = run_import(gt, ledger_path, str(write(tmp_path, "order.csv", rows)))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "gt: error: order.csv:3: mofcom-fta-negotiations: date: 2025-11-20 is before the last "
        "history entry (2025-12-01); history stays in date order, give 2025-12-01 or later"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "id,stat,date\n",
            [
                "h.csv:1: stat: unknown column; known columns: id, status, reason, date, note, "
                "evidence, value, source",
                "h.csv:1: needs a status or a value column (or both)",
            ],
        ),
        ("id,status\n", ["h.csv:1: date: column missing; the header must name it"]),
        ("", ["h.csv:1: is empty; the first line names the columns"]),
        (
            "id,status,date\nmofcom-fta-negotiations,stalled,2025-12-01,extra\n",
            ["h.csv:2: has 4 cells but the header names 3 columns"],
        ),
    ],
)
def test_bad_csv_header_or_shape(
    gt: Run, ledger_path: Path, tmp_path: Path, text: str, message: list[str]
) -> None:
    result = run_import(gt, ledger_path, str(write(tmp_path, "h.csv", text)))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        *(f"gt: error: {m}" for m in message),
        f"gt: error: {len(message)} problem(s) in h.csv; nothing was imported",
    ]


UNCLOSED = (
    'a quoted field opens here and is never closed; end it with a quote (") and write a '
    'quote inside it as ""'
)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # the quote takes in the lines below it: one cell, not three
        (
            "id,date,status\n"
            "mofcom-fta-negotiations,2025-12-01,in_progress\n"
            '"mofcom-fta-negotiations,2025-12-02,stalled\n'
            "mofcom-fta-negotiations,2025-12-03,in_progress\n",
            3,
        ),
        # opened on the second line of a record, below a quoted field that closes
        ('id,date,status,note\r\nmofcom-fta-negotiations,2025-12-01,stalled,"a\r\nb","c\r\n', 3),
        ('id,date,"status\nmofcom-fta-negotiations,2025-12-01,stalled\n', 1),
        ('id,date,status\nmofcom-fta-negotiations,2025-12-01,"stalled', 2),
        # more text than the csv module takes in one field: still the quote's problem
        pytest.param(
            'id,date,status\nmofcom-fta-negotiations,2025-12-01,"' + "stalled\n" * 20_000,
            2,
            id="past-the-field-limit",
        ),
    ],
)
def test_a_quoted_field_never_closed_is_named_at_the_line_it_opens(
    gt: Run, ledger_path: Path, text: str, line: int
) -> None:
    before = ledger_path.read_bytes()
    result = run_import(gt, ledger_path, "-", input=text)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"gt: error: <stdin>:{line}: {UNCLOSED}\n"
        "gt: error: 1 problem(s) in <stdin>; nothing was imported\n",
    )
    assert ledger_path.read_bytes() == before


@settings(max_examples=300)
@given(body=st.text(alphabet='",\r\n a', max_size=24))
def test_a_quote_left_open_is_found_where_the_csv_module_finds_it(body: str) -> None:
    """A quote is open at the end exactly when the csv module (strict) says the data ended
    in a quoted field, and it opens on the line the field the module read begins on."""
    text = "id,date,status\n" + body
    try:
        list(csv.reader(io.StringIO(text, newline=""), strict=True))
        expected = []
    except csv.Error as exc:
        assume(str(exc) == "unexpected end of data")  # not another fault strict mode finds
        last = list(csv.reader(io.StringIO(text, newline="")))[-1][-1]  # the open field
        ends = re.compile(r"\r\n|\r|\n")
        expected = [len(ends.findall(text)) - len(ends.findall(last)) + 1]
    found = read_import(text, ImportFormat.CSV).problems
    assert [p.line for p in found if p.message == UNCLOSED] == expected


def test_excel_csv_with_bom_and_crlf(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + CHANGES.encode("utf-8"))
    result = run_import(gt, ledger_path, str(path))
    assert (result.exit_code, result.stdout) == (0, APPLIED)


def test_not_utf8_is_refused(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    Path("latin1.csv").write_bytes("id,status,date\nx,stalled,2025-12-01,café\n".encode("latin-1"))
    result = run_import(gt, ledger_path, "latin1.csv")
    assert (result.exit_code, result.stderr) == (
        1,
        "gt: error: latin1.csv:2: is not UTF-8 text (byte 39); save it as UTF-8 "
        "(in Excel: CSV UTF-8)\n",
    )


def test_missing_file(gt: Run, ledger_path: Path) -> None:
    result = run_import(gt, ledger_path, "nope.csv")
    assert (result.exit_code, result.stderr) == (1, "gt: error: nope.csv: no such file\n")


def test_import_reads_only_a_regular_file_of_at_most_the_ledger_cap(
    gt: Run, ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from greentrade_cli.ledgerfile.ledger_file import MAX_BYTES

    before = ledger_path.read_bytes()
    fifo = tmp_path / "changes.csv"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(MAX_BYTES + 2**20)  # sparse: nothing written to disk
    never_opened(monkeypatch, fifo, Path("/dev/zero"), huge)
    cases = [
        (fifo, f"{fifo}: is not a regular file (a pipe or a device?); give a CSV or JSON file"),
        (Path("/dev/zero"), "/dev/zero: is not a regular file (a pipe or a device?); give a CSV or JSON file"),
        (huge, f"{huge}: is 257.0 MiB; gt reads CSV or JSON files of at most 256 MiB, split the file"),
        (tmp_path, f"{tmp_path}: is a folder, not a CSV or JSON file; give the path of a file"),
    ]  # fmt: skip
    for path, message in cases:
        result = run_import(gt, ledger_path, str(path))
        assert (result.exit_code, result.stdout, result.stderr) == (
            1,
            "",
            f"gt: error: {message}\n",
        )
    assert ledger_path.read_bytes() == before


def test_stdin_is_read_up_to_the_ledger_cap(
    gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from greentrade_cli.ledgerfile import ledger_file

    monkeypatch.setattr(ledger_file, "MAX_BYTES", 2**20)
    before = ledger_path.read_bytes()
    rows = '[{"id": "mofcom-fta-negotiations", "status": "stalled", "date": "2025-12-01"}]'
    at_cap = rows + " " * (2**20 - len(rows))
    result = run_import(gt, ledger_path, "-", "--dry-run", input=at_cap)
    assert (result.exit_code, result.stdout) == (
        0,
        "mofcom-fta-negotiations: status pledged -> stalled on 2025-12-01\n",
    )
    result = run_import(gt, ledger_path, "-", input=at_cap + " ")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "gt: error: <stdin>: is over 1 MiB; gt reads CSV or JSON input of at most 1 MiB, "
        "split it into parts\n",
    )
    assert ledger_path.read_bytes() == before


def test_flat_json_from_stdin(gt: Run, ledger_path: Path) -> None:
    rows = [
        {"id": "mofcom-fta-negotiations", "status": "in_progress", "date": "2025-12-01",
         "note": "Talks resumed", "evidence": "MOFCOM release"},
        {"id": "miit-green-factories-2030", "value": 31.5, "date": "2025-12-31",
         "source": "MIIT annual report", "note": "first figure"},
        {"id": "miit-green-factories-2030", "value": "33", "date": "2026-06-30",
         "source": "MIIT mid-year note"},
    ]  # fmt: skip
    result = run_import(gt, ledger_path, "-", input=json.dumps(rows))
    assert (result.exit_code, result.stdout) == (0, APPLIED)


def test_json_problems_name_the_line_of_the_object(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    text = (
        "[\n"
        '  {"id": "mofcom-fta-negotiations", "status": "stalled", "date": "2025-12-01"},\n'
        '  {"id": "mofcom-fta-negotiations", "value": true, "date": "2025-12-02",\n'
        '   "colour": "red"},\n'
        "  {\n"
        '    "id": "mofcom-fta-negotiations", "status": 3, "date": "2025-12-03"\n'
        "  }\n"
        "]\n"
    )
    result = run_import(gt, ledger_path, str(write(tmp_path, "rows.json", text)))
    assert result.stderr.splitlines() == [
        "gt: error: rows.json:3: colour: unknown field; known fields: id, status, reason, date, note, "
        "evidence, value, source",
        "gt: error: rows.json:5: mofcom-fta-negotiations: status: must be text, not 3",
        "gt: error: 2 problem(s) in rows.json; nothing was imported",
    ]


def test_truncated_json(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    text = '[{"id": "mofcom-fta-negotiations", "status": "stalled", "date": "2025-12-01"},\n'
    result = run_import(gt, ledger_path, str(write(tmp_path, "cut.json", text)))
    assert result.stderr.splitlines() == [
        "gt: error: cut.json:2: is not valid JSON (Expecting value)",
        "gt: error: 1 problem(s) in cut.json; nothing was imported",
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{bad\n", "1: is not valid JSON (Expecting property name enclosed in double quotes)"),
        ('{"id": "x",\n "date": "2026-01-01"\n', "3: is not valid JSON (Expecting ',' delimiter)"),
        (
            '\n{"id": "mofcom-fta-negotiations"}\n',
            "2: must be a JSON array of objects ([{...}, ...])",
        ),
    ],
)
def test_json_that_is_not_an_array_says_whether_it_is_json_at_all(
    gt: Run, ledger_path: Path, tmp_path: Path, text: str, problem: str
) -> None:
    result = run_import(gt, ledger_path, str(write(tmp_path, "one.json", text)))
    assert result.stderr.splitlines() == [
        f"gt: error: one.json:{problem}",
        "gt: error: 1 problem(s) in one.json; nothing was imported",
    ]


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("deep.json", "[\n" + "[" * 2000 + "]" * 2000 + "\n]", 2),
        ("deep.json", '[{"id": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}]", 1),
        ("deep.jsonl", "\n\n" + "[" * 2000 + "]" * 2000 + "\n", 3),
    ],
)
def test_deeply_nested_json_is_one_problem(
    gt: Run, ledger_path: Path, tmp_path: Path, name: str, text: str, line: int
) -> None:
    before = ledger_path.read_bytes()
    result = run_import(gt, ledger_path, str(write(tmp_path, name, text)))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"gt: error: {name}:{line}: nests lists or objects too deeply to read; a row is one "
        "object of plain values",
        f"gt: error: 1 problem(s) in {name}; nothing was imported",
    ]
    assert ledger_path.read_bytes() == before


def test_the_bundled_ledger_is_read_only(gt: Run, tmp_path: Path) -> None:
    result = gt("import", str(write(tmp_path, "c.csv", CHANGES)))
    assert result.exit_code == 1
    assert result.stderr == (
        "gt: error: the bundled briefing ledger is read-only; run `gt init` to write an "
        "editable ./commitments.toml (or pass --ledger PATH), then run this again\n"
    )


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_export_then_import_changes_nothing(
    gt: Run, ledger_path: Path, tmp_path: Path, fmt: str
) -> None:
    run_import(gt, ledger_path, str(write(tmp_path, "changes.csv", CHANGES)))
    before = ledger_path.read_bytes()
    exported = gt("--ledger", str(ledger_path), "export", "-f", fmt, "--as-of", "2026-12-31")
    path = write(tmp_path, f"all.{fmt}", exported.stdout)
    result = run_import(gt, ledger_path, str(path))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"nothing to change in {ledger_path}; 9 already recorded\n"
    assert ledger_path.read_bytes() == before


def test_export_edit_import_adds_the_new_entries(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    exported = json.loads(gt("--ledger", str(ledger_path), "export", "-f", "json").stdout)
    fta = next(o for o in exported if o["id"] == "mofcom-fta-green-content")
    fta["history"].append(
        {"date": "2026-01-05", "status": "stalled", "note": "no news", "evidence": ""}
    )
    fta["status"] = "stalled"
    result = run_import(gt, ledger_path, str(write(tmp_path, "e.json", json.dumps(exported))))
    assert (
        result.stdout == "mofcom-fta-green-content: status in_progress -> stalled on 2026-01-05\n"
    )
    assert (
        storage.load(ledger_path).ledger.find("mofcom-fta-green-content").status is Status.STALLED
    )


def test_an_edited_status_without_history_is_refused(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    exported = json.loads(gt("--ledger", str(ledger_path), "export", "-f", "json").stdout)
    exported[1]["status"] = "met"  # mofcom-green-governance-forums, without history
    result = run_import(gt, ledger_path, str(write(tmp_path, "e.json", json.dumps(exported))))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "gt: error: e.json:1: mofcom-green-governance-forums: status: is 'met' but the commitment "
        "is 'pledged' and no history entry changes that; to change a status add a history entry "
        "(date, status, note, evidence)"
    )


statuses = st.sampled_from([s for s in Status if s is not Status.MET])
days = st.integers(min_value=0, max_value=390)  # 2025-10-31 to 2026-11-25: always past
Step = tuple[Status, int, str]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.tuples(
            statuses, days, st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=20)
        ),
        min_size=1,
        max_size=4,
    ),
    values=st.lists(st.floats(min_value=0, max_value=100), max_size=3),
    cut=days,
)
def test_round_trip_property(
    gt: Run, ledger_path: Path, tmp_path: Path, steps: list[Step], values: list[float], cut: int
) -> None:
    """Whatever was imported, exporting (as of any date) and importing back changes nothing."""
    folder = tmp_path / f"case{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    ledger = folder / "commitments.toml"
    ledger.write_bytes(ledger_path.read_bytes())
    (folder / "sources").symlink_to(ledger_path.parent / "sources")
    start = dt.date(2025, 10, 31)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "status", "date", "note", "value", "source"])
    for status, offset, note in sorted(steps, key=lambda step: step[1]):
        when = start + dt.timedelta(days=offset)
        writer.writerow(["mofcom-fta-negotiations", status.value, when, note, "", ""])
    for i, value in enumerate(values):
        when = start + dt.timedelta(days=30 * i)
        writer.writerow(["miit-green-factories-2030", "", when, "", repr(value), "src"])
    first = run_import(gt, ledger, str(write(folder, "c.csv", buffer.getvalue())))
    assert first.exit_code == 0, first.stderr
    before = ledger.read_bytes()
    as_of = (start + dt.timedelta(days=cut)).isoformat()
    exported = gt("--ledger", str(ledger), "export", "-f", "json", "--as-of", as_of).stdout
    again = run_import(gt, ledger, str(write(folder, "e.json", exported)))
    assert (again.exit_code, again.stdout) == (0, ""), again.stderr
    assert ledger.read_bytes() == before
    history = storage.load(ledger).ledger.find("mofcom-fta-negotiations").history
    asked = [
        (s.value, start + dt.timedelta(days=d), n) for s, d, n in sorted(steps, key=lambda x: x[1])
    ]
    assert [(h.status.value, h.date, h.note) for h in history] == list(dict.fromkeys(asked))
    assert storage.load(ledger).ledger.find("miit-green-factories-2030").measurements == tuple(
        Measurement(start + dt.timedelta(days=30 * i), v, "src") for i, v in enumerate(values)
    )


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("a.CSV", "[", ImportFormat.CSV),
        ("a.json", "id,date", ImportFormat.JSON),
        ("a.jsonl", "", ImportFormat.JSONL),
        ("a.ndjson", "", ImportFormat.JSONL),
        ("<stdin>", "  \n[{}]", ImportFormat.JSON),
        ("<stdin>", '{"id": "x"}', ImportFormat.JSONL),
        ("changes.txt", "id,status,date", ImportFormat.CSV),
    ],
)
def test_detect_format(name: str, text: str, fmt: ImportFormat) -> None:
    assert detect_format(name, text) == fmt


def test_jsonl_keeps_line_separators_inside_strings() -> None:
    text = '{"id": "a", "status": "stalled", "date": "2025-12-01", "note": "x\u2028y\x85z"}\n'
    found = read_import(text, ImportFormat.JSONL)
    assert found.problems == []
    assert [e.history for e in found.entries] == [
        HistoryEntry(dt.date(2025, 12, 1), Status.STALLED, "x\u2028y\x85z", "")
    ]


def test_a_back_dated_measurement_is_sorted_in_as_gt_record_does(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    base = ["--ledger", str(ledger_path)]
    assert gt(*base, "record", "miit-green-factories", "33", "--on", "2026-06-30").exit_code == 0
    changes = tmp_path / "late.csv"
    changes.write_text(
        "id,date,value,source\nmiit-green-factories-2030,2025-12-31,30,MIIT\n", encoding="utf-8"
    )
    result = gt(*base, "import", str(changes))
    assert result.exit_code == 0, result.stderr
    saved = storage.load(ledger_path).ledger.find("miit-green-factories-2030")
    assert [(m.date.isoformat(), m.value) for m in saved.measurements] == [
        ("2025-12-31", 30.0),
        ("2026-06-30", 33.0),
    ]
    early = tmp_path / "early.csv"
    early.write_text("id,date,value\nmiit-green-factories-2030,2025-10-30,1\n", encoding="utf-8")
    earlier = gt(*base, "import", str(early))  # a figure older than the pledge: the baseline
    assert earlier.exit_code == 0, earlier.stderr
    saved = storage.load(ledger_path).ledger.find("miit-green-factories-2030")
    assert [m.date.isoformat() for m in saved.measurements] == [
        "2025-10-30",
        "2025-12-31",
        "2026-06-30",
    ]


day_of_the_briefing = st.integers(0, 4).map(lambda n: dt.date(2025, 10, 31) + dt.timedelta(n))
figures = st.builds(Measurement, day_of_the_briefing, st.sampled_from([1.0, 2.5, 40.0]))


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(there=st.lists(figures, max_size=4), rows=st.lists(figures, max_size=12))
def test_rows_for_one_commitment_end_as_recording_them_one_by_one_does(
    ledger_path: Path, there: list[Measurement], rows: list[Measurement]
) -> None:
    """An import gathers the rows of a commitment and copies it once at the end (a copy a
    row was quadratic); it ends as gt record of each row in turn does: a figure dated like
    others after those already there and those given before it, a repeated one skipped."""
    ledger = storage.load(ledger_path).ledger
    cid = "miit-green-factories-2030"
    recorded = ledger.find(cid)
    for m in sorted(there, key=lambda m: m.date):
        recorded = record_measurement(recorded, m)
    ledger = ledger.with_commitment(recorded)
    skipped = 0
    for m in rows:
        if m in recorded.measurements:
            skipped += 1
        else:
            recorded = record_measurement(recorded, m)
    entries = [ImportEntry(n, cid, measurement=m) for n, m in enumerate(rows, start=2)]
    plan = plan_import(ledger, entries, "rows.csv", dt.date(2026, 1, 1))
    assert plan.changed == ((recorded,) if len(rows) > skipped else ())
    assert (len(plan.changes), plan.unchanged) == (len(rows) - skipped, skipped)


def test_a_row_dated_after_today_is_refused(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    later = dt.date.today() + dt.timedelta(days=3)
    changes = tmp_path / "later.csv"
    changes.write_text(
        f"id,status,date\nmofcom-fta-negotiations,stalled,{later}\n", encoding="utf-8"
    )
    before = ledger_path.read_bytes()
    result = gt("--ledger", str(ledger_path), "import", str(changes))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"gt: error: {changes}:2: mofcom-fta-negotiations: date: {later} is after today "
        f"({dt.date.today()}); record a change on or after the day it happens"
    )
    assert ledger_path.read_bytes() == before


def test_a_value_with_thousands_separators_is_read_as_gt_record_reads_it(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    as_growth_rate(ledger_path)  # a share is 0 to 100%
    rows = 'id,date,value\nmiit-green-factories-2030,2026-01-31,"1,234.5"\n'
    result = run_import(gt, ledger_path, str(write(tmp_path, "grouped.csv", rows)))
    assert result.exit_code == 0, result.stderr
    [measured] = storage.load(ledger_path).ledger.find("miit-green-factories-2030").measurements
    assert (measured.date, measured.value) == (dt.date(2026, 1, 31), 1234.5)


def test_a_share_beyond_0_to_100_percent_is_a_problem_of_its_row(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    before = ledger_path.read_bytes()
    rows = (
        "id,date,value\n"
        'miit-green-factories-2030,2026-01-31,"2,000"\n'
        "mofcom-apec-egl-tariffs,2026-01-31,125\n"  # a tariff is no share: it may pass 100%
        "miit-green-factories-2030,2026-02-28,1e308\n"
    )
    result = run_import(gt, ledger_path, str(write(tmp_path, "shares.csv", rows)))
    why = "the metric names a share, which is 0 to 100%; give percentage points (40 for 40%)"
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"gt: error: shares.csv:2: miit-green-factories-2030: value: 2000% is not a possible "
        f"value: {why}\n"
        f"gt: error: shares.csv:4: miit-green-factories-2030: value: 1e+308% is not a possible "
        f"value: {why}\n"
        "gt: error: 2 problem(s) in shares.csv; nothing was imported\n",
    )
    assert ledger_path.read_bytes() == before
