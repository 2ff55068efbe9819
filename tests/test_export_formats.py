"""Every export format is safe to publish: exact bytes for the cells that break naive exports."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import Run
from tests.ledgers import write_tricky_ledger

AS_OF = ("--as-of", "2026-01-01")
CELL = 12.2  # width of one terminal cell in Rich's SVG (0.61 x its 20px font)


@pytest.fixture
def tricky(tmp_path: Path) -> Path:
    return write_tricky_ledger(tmp_path / "tricky")


def export(gt: Run, ledger: Path, *args: str) -> bytes:
    result = gt("--ledger", str(ledger), "export", *args, *AS_OF)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


CSV = (
    "id,agency,title,status,deadline,target,progress,pace,last_change,reason,evidence,source,quote,revised,weakened\r\n"
    "formula,MOFCOM,'=SUM(A1),pledged,,,,,,,,tricky,'=SUM(A1) was read out first.,,\r\n"
    "pipes,MOFCOM,a|b and C:\\temp,pledged,,,,,,,,tricky,Prices a|b and C:\\temp were listed.,,\r\n"
    'newline,XSS,"line one\nline two",met,,,,,2025-11-20,,'
    "'-1+1 <script>alert(1)</script>,tricky,The share will rise to 40% by 2030.,,\r\n"
    "cjk,MOFCOM,扩大绿色贸易,in_progress,2030,at least 40%,50%,on track,2025-11-01,,,tricky,"
    "扩大绿色贸易\uff0c商务部将推进。,,\r\n"
    "script,XSS,<script>alert(1)</script>,pledged,,,,,,,,tricky,"
    "<script>alert('x')</script> appeared in the notes.,,\r\n"
)


def test_csv_exact_bytes(gt: Run, tricky: Path) -> None:
    assert export(gt, tricky, "--format", "csv") == CSV.encode("utf-8")


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "markdown"])
def test_line_formats_are_written_a_row_at_a_time(
    gt: Run, tricky: Path, tmp_path: Path, fmt: str
) -> None:
    import datetime as dt

    from greentrade_cli.export.formats import (
        ExportFormat,
        render_parts,
        to_csv,
        to_jsonl,
        to_markdown,
    )
    from greentrade_cli.ledgerfile import storage
    from greentrade_cli.tracking.query import Selection, select
    from greentrade_cli.tracking.report import status_rows

    ledger = storage.load(tricky).ledger
    day = dt.date(2026, 1, 1)
    rows = status_rows(ledger, select(ledger, Selection(as_of=day)), day)
    parts = list(render_parts(ledger, rows, ExportFormat(fmt), day))
    header = {"csv": 1, "jsonl": 0, "markdown": 2}[fmt]
    assert len(parts) == header + len(rows) == header + 5
    whole = {"csv": to_csv, "jsonl": to_jsonl, "markdown": to_markdown}[fmt](rows)
    assert "".join(parts) == whole
    written = tmp_path / f"out.{fmt}"
    assert (
        gt("--ledger", str(tricky), "export", "-f", fmt, "-o", str(written), *AS_OF).exit_code == 0
    )
    assert written.read_bytes() == export(gt, tricky, "--format", fmt) == "".join(parts).encode()


def test_csv_excel_starts_with_a_byte_order_mark(gt: Run, tricky: Path) -> None:
    assert export(gt, tricky, "--format", "csv", "--excel") == b"\xef\xbb\xbf" + CSV.encode()


def test_excel_with_another_format_is_a_usage_error(gt: Run, tricky: Path) -> None:
    result = gt("--ledger", str(tricky), "export", "--format", "json", "--excel")
    assert (result.exit_code, result.stderr) == (
        2,
        "gt: error: --excel is for --format csv, not json\n",
    )


def test_title_with_csv_is_a_usage_error(gt: Run, tricky: Path) -> None:
    result = gt("--ledger", str(tricky), "export", "--title", "x")
    assert (result.exit_code, result.stderr) == (
        2,
        "gt: error: --title is for --format html or svg, not csv\n",
    )


def test_markdown_exact_bytes(gt: Run, tricky: Path) -> None:
    assert export(gt, tricky, "--format", "markdown").decode("utf-8") == (
        "| id | agency | title | status | deadline | target | progress | pace | last_change "
        "| reason | evidence | source | quote | revised | weakened |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        "| formula | MOFCOM | =SUM(A1) | pledged |  |  |  |  |  |  |  | tricky "
        "| =SUM(A1) was read out first. |  |  |\n"
        "| pipes | MOFCOM | a\\|b and C:\\\\temp | pledged |  |  |  |  |  |  |  | tricky "
        "| Prices a\\|b and C:\\\\temp were listed. |  |  |\n"
        "| newline | XSS | line one<br>line two | met |  |  |  |  | 2025-11-20 "
        "|  | -1+1 \\<script\\>alert(1)\\</script\\> | tricky | The share will rise to 40% by 2030. |  |  |\n"
        "| cjk | MOFCOM | 扩大绿色贸易 | in_progress | 2030 | at least 40% | 50% | on track "
        "| 2025-11-01 |  |  | tricky | 扩大绿色贸易\uff0c商务部将推进。 |  |  |\n"
        "| script | XSS | \\<script\\>alert(1)\\</script\\> | pledged |  |  |  |  |  |  |  | tricky "
        "| \\<script\\>alert('x')\\</script\\> appeared in the notes. |  |  |\n"
    )


def test_markdown_rows_keep_their_column_count(gt: Run, tricky: Path) -> None:
    lines = export(gt, tricky, "--format", "markdown").decode().splitlines()
    unescaped_pipes = [line.replace("\\|", "").count("|") for line in lines]
    assert unescaped_pipes == [16] * 7


def test_json_keeps_text_exact_and_utf8(gt: Run, tricky: Path) -> None:
    raw = export(gt, tricky, "--format", "json")
    assert '    "title": "扩大绿色贸易",\n'.encode() in raw
    data = json.loads(raw)
    assert [row["title"] for row in data] == [
        "=SUM(A1)",
        "a|b and C:\\temp",
        "line one\nline two",
        "扩大绿色贸易",
        "<script>alert(1)</script>",
    ]
    assert data[3]["progress"] == 0.5


def test_jsonl_one_object_a_line(gt: Run, tricky: Path) -> None:
    raw = export(gt, tricky, "--format", "jsonl", "--status", "met")
    assert raw.decode("utf-8") == (
        '{"id": "newline", "agency": "XSS", "agencies": ["XSS"], "title": "line one\\nline two", "speaker": null, '
        '"speaker_role": null, "status": "met", "deadline": null, "overdue": false, "tags": [], '
        '"target": null, "progress": null, "pace": null, "latest": null, "reason": null, "source": "tricky", '
        '"quote": "The share will rise to 40% by 2030.", "revised": null, "weakened": false, "history": [{"date": "2025-11-20", '
        '"status": "met", "reason": null, "note": "@note\\tsecond", "evidence": "-1+1 <script>alert(1)</script>"}], '
        '"measurements": [], "revisions": []}\n'
    )
    every = export(gt, tricky, "--format", "jsonl").decode().splitlines()
    assert [json.loads(line) for line in every] == json.loads(export(gt, tricky, "-f", "json"))


class _Page(HTMLParser):
    """Collects the page's elements and the text of each table's cells, row by row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "details":
            self._skip += 1
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "details":
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skip:
            self._cell.append(data)


def page(gt: Run, ledger: Path, *args: str) -> tuple[str, _Page]:
    text = export(gt, ledger, "--format", "html", *args).decode("utf-8")
    parser = _Page()
    parser.feed(text)
    parser.close()
    return text, parser


def test_html_tables_hold_the_text_as_written(gt: Run, tricky: Path) -> None:
    _, parsed = page(gt, tricky)
    agencies, commitments = parsed.tables
    assert agencies == [
        ["Agency", "Commitments", "Pledged", "In progress", "Stalled", "Partially met", "Met",
         "Missed", "Withdrawn", "Overdue"],
        ["MOFCOM · Ministry of Commerce 商务部", "3", "2", "1", "0", "0", "0", "0", "0", "0"],
        ["XSS · <b>Bold</b> & Co", "2", "1", "0", "0", "0", "1", "0", "0", "0"],
        ["All", "5", "3", "1", "0", "0", "1", "0", "0", "0"],
    ]  # fmt: skip
    assert commitments == [
        ["Id", "Agency", "Commitment", "Status", "Deadline", "Progress", "Pace"],
        ["formula", "MOFCOM", "=SUM(A1)", "Pledged", "", "", ""],
        ["pipes", "MOFCOM", "a|b and C:\\temp", "Pledged", "", "", ""],
        ["newline", "XSS", "line one\nline two", "Met", "", "", ""],
        ["cjk", "MOFCOM", "扩大绿色贸易", "In progress", "2030", "50%", "On track"],
        ["script", "XSS", "<script>alert(1)</script>", "Pledged", "", "", ""],
    ]


def test_html_has_a_legend_and_every_declared_agency(gt: Run, ledger_path: Path) -> None:
    result = gt("--ledger", str(ledger_path), "export", "-f", "html", "--as-of", "2026-01-01")
    text = result.stdout
    agencies = text.split('<table class="agencies">')[1].split("</table>")[0]
    assert [line.split("</th>")[0] for line in agencies.split('<tr><th scope="row">')[1:]] == [
        'MOFCOM · Ministry of Commerce <span lang="zh">商务部</span>',
        'MIIT · Ministry of Industry and Information Technology <span lang="zh">工业和信息化部</span>',
        'PBOC · People&#x27;s Bank of China <span lang="zh">中国人民银行</span>',
        'SAMR · State Administration for Market Regulation <span lang="zh">国家市场监督管理总局</span>',
        "All",
    ]
    samr = agencies.split('<tr><th scope="row">SAMR')[1].split("</tr>")[0]
    assert samr.split("</th>")[1] == '<td class="num">0</td>' * 9  # no pledge: zeros
    assert (
        '<dt><span class="status status-in_progress">In progress</span></dt>'
        "<dd>action under way</dd>"
    ) in text
    assert (
        "<dt>Behind</dt><dd>progress trails that line by more than 10 percentage points</dd>"
        in text
    )
    assert (
        '<footer>\n<p class="meta">Status as of <time datetime="2026-01-01">2026-01-01</time>: '
        "each pledge's last recorded status change on or before that date, and its "
        "measurements up to it.</p>\n</footer>"
    ) in text


def test_html_escapes_every_string(gt: Run, tricky: Path) -> None:
    text, parsed = page(gt, tricky, "--title", "Status <b>&</b>")
    assert "script" not in parsed.tags
    assert "b" not in parsed.tags
    assert "<title>Status &lt;b&gt;&amp;&lt;/b&gt; as of 2026-01-01</title>" in text
    assert (
        '<td class="title">&lt;script&gt;alert(1)&lt;/script&gt;<details><summary>Quote</summary>'
        "<blockquote>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; appeared in the notes."
        "</blockquote>" in text
    )
    assert (
        '<p class="meta sources">Source: <cite>Briefing &lt;on&gt; &quot;trade&quot; &amp; more'
        '</cite>, Press | Office, <time datetime="2025-10-31">2025-10-31</time></p>'
    ) in text


def test_html_is_self_contained(gt: Run, tricky: Path) -> None:
    text, parsed = page(gt, tricky)
    assert text.startswith("<!DOCTYPE html>\n")
    assert {name for name, _ in parsed.attrs} <= {
        "lang",
        "charset",
        "name",
        "content",
        "aria-labelledby",
        "id",
        "class",
        "scope",
        "datetime",
        "aria-hidden",
        "style",
    }  # fmt: skip (no src, href or other reference to another file)
    for external in ("url(", "@import", "http:", "https:"):
        assert external not in text


def test_html_quote_and_progress_bar(gt: Run, tricky: Path) -> None:
    text, _ = page(gt, tricky, "--status", "in_progress")
    assert (
        '<td class="nowrap progress"><span class="bar" aria-hidden="true">'
        '<span style="width: 50%"></span></span> 50%</td>'
    ) in text
    assert "<blockquote>扩大绿色贸易\uff0c商务部将推进。</blockquote>" in text
    assert '<p class="meta">Status as of <time datetime="2026-01-01">2026-01-01</time>' in text


def test_html_without_rows_says_so(gt: Run, tricky: Path) -> None:
    text, parsed = page(gt, tricky, "--search", "nothing like this")
    assert "<p>No commitments match these filters.</p>" in text
    assert parsed.tables[0][-1] == ["All", "0", "0", "0", "0", "0", "0", "0", "0", "0"]


def svg_tree(gt: Run, ledger: Path, *args: str) -> tuple[bytes, ET.Element]:
    raw = export(gt, ledger, "--format", "svg", *args)
    return raw, ET.fromstring(raw)


def test_svg_is_deterministic_and_escaped(gt: Run, tricky: Path) -> None:
    raw, root = svg_tree(gt, tricky)
    assert raw == export(gt, tricky, "--format", "svg")
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    tags = {element.tag.split("}")[1] for element in root.iter()}
    assert "script" not in tags
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "扩大绿色贸易".encode() in raw
    assert b"gt-status-" in raw
    assert b"@font-face" not in raw and b"url(http" not in raw


def svg_lines(root: ET.Element) -> list[str]:
    """The picture's text, line by line, each piece placed at its terminal column."""
    ns = "{http://www.w3.org/2000/svg}"
    rows: dict[str, list[tuple[float, str]]] = {}
    for text in root.iter(f"{ns}text"):
        rows.setdefault(text.get("y", ""), []).append((float(text.get("x", 0)), text.text or ""))
    lines = []
    for pieces in rows.values():
        line = ""
        for x, piece in sorted(pieces):
            column = round(x / CELL)
            line += " " * (column - cell_len(line)) + piece.replace("\xa0", " ")
        lines.append(line.rstrip())
    return lines


def test_svg_lines_read_as_the_table(gt: Run, tricky: Path) -> None:
    _, root = svg_tree(gt, tricky, "--title", "Slide <1>")
    titles = [
        t.text
        for t in root.iter("{http://www.w3.org/2000/svg}text")
        if t.get("class") == "gt-status-title"
    ]
    assert titles == ["Slide\xa0<1>"]
    lines = svg_lines(root)
    assert lines[1:6] == [
        "",
        "  Id        Agency   Title                       Status        Deadline   Progress       Pace",
        " " + "─" * 97,
        "  formula   MOFCOM   =SUM(A1)                    Pledged",
        "  pipes     MOFCOM   a|b and C:\\temp             Pledged",
    ]
    assert "  script    XSS      <script>alert(1)</script>   Pledged" in lines
    assert (
        "  cjk       MOFCOM   扩大绿色贸易                In progress   2030       ████░░░░ 50%   On track"
        in lines
    )
    assert lines[-6:] == [
        "",
        'Source: Briefing <on> "trade" & more, Press | Office, 2025-10-31',
        "Status as of 2026-01-01.",
        "  Pledged: promised; nothing recorded since",
        "  In progress: action under way",
        "  Met: kept, with evidence",
    ]
