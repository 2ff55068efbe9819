"""Tables fit the terminal width and never cut an id."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from greentrade_cli.render.table_layout import Column, ColumnKind, fit_columns, fitted_table
from tests.conftest import Run

COLUMNS = [
    Column("id", "Id", ColumnKind.KEY),
    Column("title", "Title", ColumnKind.TEXT),
    Column("status", "Status", ColumnKind.SHORT),
]
RECORDS = [
    {
        "id": Text("a-rather-long-identifier"),
        "title": Text("A title that needs to wrap on a narrow terminal"),
        "status": Text("in_progress"),
    }
]


def render(width: int, records: list[dict[str, Text]] = RECORDS) -> list[str]:
    fitted = fitted_table(COLUMNS, records, width)
    console = Console(record=True, width=fitted.width, color_system=None, file=io.StringIO())
    console.print(fitted.table)
    return console.export_text().splitlines()


@pytest.mark.parametrize(
    ("width", "kept", "dropped", "render_width"),
    [
        (80, ["id", "title", "status"], [], 80),
        # id 24+2, title 24+2, status 11+2, edges 2, two separators: 69
        (69, ["id", "title", "status"], [], 69),
        (68, ["id", "title"], ["status"], 68),
        # id 24+2, status 11+2, edges 2, one separator: 42
        (42, ["id", "status"], ["title"], 42),
        (41, ["id"], ["title", "status"], 41),
        (10, ["id"], ["title", "status"], 28),
    ],
)
def test_fit_columns(width: int, kept: list[str], dropped: list[str], render_width: int) -> None:
    columns, left_out, at = fit_columns(COLUMNS, RECORDS, width)
    assert ([c.name for c in columns], left_out, at) == (kept, dropped, render_width)


def test_importance_decides_what_goes_first() -> None:
    columns, left_out, _ = fit_columns(COLUMNS, RECORDS, 68, importance=["status", "title"])
    assert [c.name for c in columns] == ["id", "status"]
    assert left_out == ["title"]


def test_text_wraps_inside_the_width() -> None:
    assert render(69) == [
        "                                                                     ",
        "  Id                         Title                      Status       ",
        " ─────────────────────────────────────────────────────────────────── ",
        "  a-rather-long-identifier   A title that needs to      in_progress  ",
        "                             wrap on a narrow                        ",
        "                             terminal                                ",
        "                                                                     ",
    ]


def test_id_wider_than_the_terminal_stays_whole() -> None:
    assert render(10) == [
        "                            ",
        "  Id                        ",
        " ────────────────────────── ",
        "  a-rather-long-identifier  ",
        "                            ",
    ]


ids = st.text(alphabet="abcdefghij-0123456789", min_size=1, max_size=50)
words = st.lists(st.text(alphabet="abcdxyz", min_size=1, max_size=12), min_size=1, max_size=12)


@settings(deadline=None)
@given(
    width=st.integers(min_value=5, max_value=160),
    id_list=st.lists(ids, min_size=1, max_size=4),
    title=words,
)
def test_every_id_is_printed_whole_and_lines_fit(
    width: int, id_list: list[str], title: list[str]
) -> None:
    records = [
        {"id": Text(i), "title": Text(" ".join(title)), "status": Text("pledged")} for i in id_list
    ]
    fitted = fitted_table(COLUMNS, records, width)
    console = Console(record=True, width=fitted.width, color_system=None, file=io.StringIO())
    console.print(fitted.table)
    lines = console.export_text().splitlines()
    id_width = max(2, *(len(i) for i in id_list))  # the header is 'Id'
    assert fitted.width == max(width, id_width + 4)
    assert all(len(line) <= fitted.width for line in lines)
    for ident in id_list:
        assert any(line.startswith(f"  {ident} ") for line in lines)


def test_list_on_a_narrow_terminal_leaves_out_columns(
    gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "60")
    result = gt(
        "--ledger", str(ledger_path), "--color", "never", "list", "--agency", "MIIT",
        "--as-of", "2026-01-01", "--fields", "id,title,status,deadline,progress,pace,agency",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "",
        "  Id                                            Status",
        " " + "─" * 55,
        "  miit-green-factories-2030                     pledged",
        "  miit-green-design-manufacturing               pledged",
        "  miit-product-lifecycle-green-transformation   pledged",
        "  miit-green-industrial-ecosystem               pledged",
        "",
    ]
    assert result.stderr == (
        "left out title, deadline, progress, pace, agency to fit 60 columns; widen the "
        "terminal or choose columns with --fields\n"
    )


def test_default_list_on_a_narrow_terminal_names_what_it_leaves_out(
    gt: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "60")
    result = gt("--color", "never", "list", "--agency", "PBOC", "--as-of", "2026-11-29")
    assert result.exit_code == 0
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "",
        " Commitment                                  Status    Pace",
        " " + "─" * 58,
        " pboc-green-finance-transition-standards     pledged",
        " Promote the application of green            (stale)",
        " financial transition standards to support",
        " credit, bond and equity financing",
        " pboc-green-service-trade-financing          pledged",
        " Encourage financial institutions to         (stale)",
        " expand financing for productive services",
        " in green service trade",
        " pboc-green-assets-global-issuance           pledged",
        " Support global issuance of green            (stale)",
        " financial products to offer more Chinese",
        " green assets to investors",
        "",
    ]
    assert result.stderr == (
        "left out deadline, progress, agency to fit 60 columns; widen the terminal "
        "or choose columns with --fields\n"
    )
