"""`gt source add --url`, `gt source list` and `gt source show ID`."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from greentrade_cli.ledgerfile import storage
from tests.conftest import Run

SCIO = "scio-2025-10-31"
URL = "https://english.www.gov.cn/news/202510/31/content_example.html"


def test_source_add_keeps_a_url_and_refuses_other_schemes(gt: Run, ledger_path: Path) -> None:
    base = ("--ledger", str(ledger_path))
    args = ("--title", "T", "--publisher", "P", "--date", "2025-11-12")
    before = ledger_path.read_bytes()
    for bad in ("ftp://example.org/a", "example.org/a", "https://", "https://a b"):
        refused = gt(*base, "source", "add", "s2", *args, "--url", bad)
        assert (refused.exit_code, refused.stderr) == (
            2,
            f"gt: error: --url: {bad!r} is not a web address; give an http:// or https:// URL\n",
        )
    assert ledger_path.read_bytes() == before
    assert gt(*base, "source", "add", "s2", *args, "--url", URL).exit_code == 0
    assert storage.load(ledger_path).ledger.sources["s2"].url == URL
    assert (
        '[sources.s2]\ntitle = "T"\npublisher = "P"\ndate = 2025-11-12\n'
        f'url = "{URL}"\n\n[[commitments]]\n'
    ) in ledger_path.read_text(encoding="utf-8")


def test_a_hand_written_bad_url_fails_the_check(gt: Run, ledger_path: Path) -> None:
    text = ledger_path.read_text(encoding="utf-8")
    anchor = 'archive = "sources/scio-2025-10-31.txt"\n'
    ledger_path.write_text(text.replace(anchor, anchor + 'url = "javascript:alert(1)"\n'))
    result = gt("--ledger", str(ledger_path), "check")
    assert result.exit_code == 1
    assert (
        f"{ledger_path}:31: sources.scio-2025-10-31.url: 'javascript:alert(1)' is not a web "
        "address; give an http:// or https:// URL"
    ) in result.stdout


def test_source_list_piped_and_as_json(gt: Run, ledger_path: Path) -> None:
    base = ("--ledger", str(ledger_path))
    args = ("--title", "Press release", "--publisher", "NEA", "--date", "2025-11-12")
    assert gt(*base, "source", "add", "nea-1", *args, "--url", URL).exit_code == 0
    listed = gt(*base, "source", "list")
    assert listed.stdout.splitlines() == [
        "id\tdate\tpublisher\ttitle\tpledges\turl",
        f"{SCIO}\t2025-10-31\tState Council Information Office\tState Council Information "
        "Office policy briefing on expanding green trade\t23\t",
        f"nea-1\t2025-11-12\tNEA\tPress release\t0\t{URL}",
    ]
    rows = json.loads(gt(*base, "source", "list", "--json").stdout)
    assert [(r["id"], len(r["pledges"]), r["size"]) for r in rows] == [
        (SCIO, 23, (ledger_path.parent / "sources" / f"{SCIO}.txt").stat().st_size),
        ("nea-1", 0, None),
    ]


def test_source_show_gives_the_archive_size_checksum_and_pledges(
    gt: Run, ledger_path: Path
) -> None:
    archived = (ledger_path.parent / "sources" / f"{SCIO}.txt").read_bytes()
    shown = gt("--ledger", str(ledger_path), "source", "show", SCIO).stdout.splitlines()
    assert shown[:9] == [
        f"id\t{SCIO}",
        "title\tState Council Information Office policy briefing on expanding green trade",
        "publisher\tState Council Information Office",
        "date\t2025-10-31",
        f"archive\tsources/{SCIO}.txt",
        f"size\t{len(archived)} bytes",
        f"sha256\t{hashlib.sha256(archived).hexdigest()}",
        "pledges\t23",
        "",
    ]
    assert shown[9] == "id\tagency\tstatus\ttitle"
    assert shown[10] == (
        "mofcom-green-trade-capacity\tMOFCOM\tin_progress\tKeep aligning with global green trends "
        "and strengthen China's capacity to serve the world through green trade"
    )
    assert len(shown) == 10 + 23
    for args in (("source", "show", "nope"), ("extract", "nope")):  # like an unknown pledge id
        unknown = gt("--ledger", str(ledger_path), *args)
        assert (unknown.exit_code, unknown.stderr) == (
            1,
            f"gt: error: no source with id 'nope'; known: {SCIO} (see `gt source list`)\n",
        ), args


def test_source_show_on_a_terminal_escapes_markup(gt: Run, gt_tty: Run, ledger_path: Path) -> None:
    base = ("--ledger", str(ledger_path))
    args = ("--title", "[bold]Press[/bold] release", "--publisher", "NEA", "--date", "2025-11-12")
    assert gt(*base, "source", "add", "nea-1", *args).exit_code == 0
    shown = gt_tty(*base, "source", "show", "nea-1").stdout
    assert "title      [bold]Press[/bold] release" in shown
    assert "archive    none (quotes are not checked)" in shown
    listed = gt_tty(*base, "source", "list").stdout
    assert "[bold]Press[/bold]" in listed


def test_source_list_on_a_narrow_terminal_keeps_ids_whole_and_names_what_it_left_out(
    gt: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "40")
    result = gt("--color", "never", "source", "list")
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "",
        "  Id                Date         Url",
        " " + "─" * 36,
        "  scio-2025-10-31   2025-10-31",
        "",
    ]
    assert result.stderr == (
        "left out title, pledges, publisher to fit 40 columns; widen the terminal or see every "
        "column with --json\n"
    )
