"""`gt site DIR`: the pages it writes, their charts and footer, and the folders it refuses."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.conftest import Run, as_growth_rate
from tests.ledgers import write_tricky_ledger
from tests.measured_ledger import write_measured_ledger
from tests.test_revise import revise_twice, share

AS_OF = "2026-06-30"


def build(
    gt: Run, ledger: Path, folder: Path, as_of: str = AS_OF, *options: str
) -> dict[str, bytes]:
    result = gt("--ledger", str(ledger), "site", str(folder), "--as-of", as_of, *options)
    assert result.exit_code == 0, result.stderr
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def text(pages: dict[str, bytes], name: str) -> str:
    return pages[name].decode("utf-8")


def test_site_has_an_index_a_page_per_agency_and_pledge(gt: Run, tmp_path: Path) -> None:
    ledger = write_measured_ledger(tmp_path)
    pages = build(gt, ledger, tmp_path / "site")
    assert sorted(pages) == [
        ".gt-site",
        "agency/MIIT.html",
        "agency/NEA.html",
        "agency/SAMR.html",
        "index.html",
        "methods.html",
        "pledge/down-half.html",
        "pledge/late-pledge.html",
        "pledge/met-but-short.html",
        "pledge/one-point.html",
        "pledge/over.html",
        "pledge/up-half.html",
        "pledge/words-only.html",
    ]
    index = text(pages, "index.html")
    assert "<script" not in index
    assert '<li><span class="figure">2</span><br>In the works</li>' in index
    assert '<li><span class="figure">5</span><br>Not yet rated</li>' in index
    assert (
        '<desc id="verdicts-desc">MIIT: 3 pledges, 2 in the works, 1 not yet rated; NEA: 3 '
        "pledges, 3 not yet rated; SAMR: 1 pledge, 1 not yet rated; All: 7 pledges, 2 in the "
        "works, 5 not yet rated</desc>"
    ) in index
    assert '<span class="status status-in_progress">In progress</span>' in index
    assert "in_progress<" not in index  # tokens never shown as text
    digest = hashlib.sha256(ledger.read_bytes()).hexdigest()
    for name, page in pages.items():
        if name.endswith(".html"):
            assert f'<code class="digest">{digest}</code>' in page.decode("utf-8"), name
            assert 'Status as of <time datetime="2026-06-30">2026-06-30</time>.' in page.decode()


def test_pledge_page_shows_quote_target_chart_and_timeline(gt: Run, tmp_path: Path) -> None:
    pages = build(gt, write_measured_ledger(tmp_path), tmp_path / "site")
    page = text(pages, "pledge/up-half.html")
    assert "<h1>Raise the share from 10% to 40%</h1>" in page
    assert "<blockquote>raise it to 40%</blockquote>" in page
    assert "<dt>Target</dt><dd>at least 40% (share)</dd>" in page
    assert "<dt>Latest</dt><dd>25% on 2026-06-30</dd>" in page
    assert "<dt>Progress</dt><dd>50%</dd>" in page
    assert (
        '<desc id="chart-up-half-desc">Target: at least 40% by 2030-12-31; baseline 10% on '
        "2025-10-31; measured 25% on 2026-06-30.</desc>"
    ) in page
    assert re.findall(r"<strong>(.*?)</strong>", page) == [
        '<time datetime="2025-10-31">2025-10-31</time>: Pledged',
        '<time datetime="2025-11-15">2025-11-15</time>: In progress',
    ]
    assert '<td class="num nowrap">25%</td><td>Annual report [2026]</td>' in page
    words = text(pages, "pledge/words-only.html")
    assert "<dd>No number: the pledge is judged by its status</dd>" in words
    assert "<svg" not in words.split("<main")[1].split("</main>")[0]


def test_site_escapes_ledger_text_and_links_web_addresses(gt: Run, tmp_path: Path) -> None:
    ledger = write_tricky_ledger(tmp_path / "tricky")
    text_ = ledger.read_text(encoding="utf-8").replace(
        'evidence = "-1+1 <script>', 'evidence = "See https://example.org/a?b=1&c=2. -1+1 <script>'
    )
    ledger.write_text(text_, encoding="utf-8")
    pages = build(gt, ledger, tmp_path / "site", "2026-01-01")
    script = text(pages, "pledge/script.html")
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in script
    assert "<script" not in "".join(p.decode("utf-8") for p in pages.values())
    assert (
        '<span class="meta">Evidence: See <a href="https://example.org/a?b=1&amp;c=2">'
        "https://example.org/a?b=1&amp;c=2</a>. -1+1 &lt;script&gt;alert(1)&lt;/script&gt;</span>"
    ) in text(pages, "pledge/newline.html")
    assert "<cite>Briefing &lt;on&gt; &#34;trade&#34; &amp; more</cite>" in text(
        pages, "index.html"
    )


@pytest.mark.parametrize(
    ("evidence", "html"),
    [
        (
            "See https://en.wikipedia.org/wiki/Tariff_(trade).",
            'See <a href="https://en.wikipedia.org/wiki/Tariff_(trade)">'
            "https://en.wikipedia.org/wiki/Tariff_(trade)</a>.",
        ),
        (
            "(https://example.org/a) and [https://example.org/b?q=[1]]",
            '(<a href="https://example.org/a">https://example.org/a</a>) and '
            '[<a href="https://example.org/b?q=[1]">https://example.org/b?q=[1]</a>]',
        ),
    ],
)
def test_a_bracket_closes_an_address_only_when_the_address_opened_it(
    evidence: str, html: str
) -> None:
    from greentrade_cli.export.legend import linked

    assert str(linked(evidence)) == html


def test_title_names_the_site_on_every_page_escaped(gt: Run, tmp_path: Path) -> None:
    from greentrade_cli.export.site import SITE_TITLE

    ledger = write_measured_ledger(tmp_path)
    default = build(gt, ledger, tmp_path / "default")
    assert f"<h1>{SITE_TITLE}: the scorecard</h1>" in text(default, "index.html")
    pages = build(gt, ledger, tmp_path / "site", AS_OF, "--title", "NEA & MIIT <pledges>")
    name = "NEA &amp; MIIT &lt;pledges&gt;"
    assert f"<h1>{name}: the scorecard</h1>" in text(pages, "index.html")
    html = [p for p in pages if p.endswith(".html")]
    assert [p for p in html if f'index.html">{name}</a>' not in text(pages, p)] == []
    assert "<title>MIIT · NEA &amp; MIIT &lt;pledges&gt;</title>" in text(pages, "agency/MIIT.html")
    assert f"Default: {SITE_TITLE}." in " ".join(gt("site", "--help").stdout.split())


def test_same_ledger_and_date_give_the_same_bytes(gt: Run, tmp_path: Path) -> None:
    ledger = write_measured_ledger(tmp_path)
    first = build(gt, ledger, tmp_path / "one")
    again = build(gt, ledger, tmp_path / "one")  # replaces the site gt wrote
    other = build(gt, ledger, tmp_path / "two")
    assert first == again == other
    assert build(gt, ledger, tmp_path / "three", "2026-07-01") != first


def test_a_rebuild_keeps_what_the_publisher_added_and_drops_stale_pages(
    gt: Run, tmp_path: Path
) -> None:
    ledger = write_measured_ledger(tmp_path)
    site = tmp_path / "site"
    build(gt, ledger, site)
    (site / "CNAME").write_text("pledges.example.org\n", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (site / "pledge" / "gone.html").write_text("an old page", encoding="utf-8")
    pages = build(gt, ledger, site)
    assert pages["CNAME"] == b"pledges.example.org\n"
    assert pages[".git/HEAD"] == b"ref: refs/heads/gh-pages\n"
    assert "pledge/gone.html" not in pages
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_site_refuses_folders_it_did_not_write(gt: Run, tmp_path: Path) -> None:
    ledger = write_measured_ledger(tmp_path)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine", encoding="utf-8")
    result = gt("--ledger", str(ledger), "site", str(busy), "--as-of", AS_OF)
    assert result.exit_code == 1
    assert result.stderr == (
        f"gt: error: {busy} already holds files that gt site did not write; "
        "choose a new or empty folder\n"
    )
    assert [p.name for p in busy.iterdir()] == ["notes.txt"]
    result = gt("--ledger", str(ledger), "site", str(tmp_path), "--as-of", AS_OF)
    assert result.exit_code == 1
    assert result.stderr == (
        f"gt: error: {tmp_path} holds the ledger {ledger}; choose another folder\n"
    )
    result = gt("--ledger", str(ledger), "site", str(ledger), "--as-of", AS_OF)
    assert result.stderr == f"gt: error: {ledger} is a file; give gt site a folder for the pages\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy", "measured.toml"]


def test_a_pledge_page_lists_its_revisions_in_force(gt: Run, tmp_path: Path) -> None:
    path = share(tmp_path / "l")
    revise_twice(gt, path)
    pages = build(gt, path, tmp_path / "site", "2026-07-01")
    page = text(pages, "pledge/share.html")
    assert re.findall(r"<li>(\d{4}-\d\d-\d\d: target.*?)</li>", page) == [
        "2026-03-01: target at least 30% (was at least 40%), deadline 2032 (was 2030); "
        "weakened: target lowered, deadline later. scaled back",
        "2026-06-01: target at least 35% (was at least 30%); strengthened: target raised. raised",
    ]
    before = text(build(gt, path, tmp_path / "early", "2026-04-01"), "pledge/share.html")
    assert "2026-06-01: target" not in before
    assert "2026-03-01: target at least 30%" in before


def test_values_at_the_ends_of_float_give_a_page_without_a_chart(gt: Run, tmp_path: Path) -> None:
    ledger = tmp_path / "l" / "commitments.toml"
    ledger.parent.mkdir()
    assert gt("init", str(ledger)).exit_code == 0
    as_growth_rate(ledger)  # a share is 0 to 100%
    for value, on in (("1e308", "2026-01-01"), ("-1e308", "2026-01-03")):
        result = gt(
            "--ledger", str(ledger), "record", "miit-green-factories-2030", value, "--on", on
        )
        assert result.exit_code == 0, result.stderr
    pages = build(gt, ledger, tmp_path / "site", "2026-02-01")
    page = text(pages, "pledge/miit-green-factories-2030.html")
    assert "<svg" not in page.split("<main")[1].split("</main>")[0]
    assert '<td class="num nowrap">-1e+308%</td>' in page


def test_a_joint_pledge_is_on_each_agencys_page_and_the_digest_covers_every_file(
    gt: Run, tmp_path: Path
) -> None:
    ledger = tmp_path / "l" / "commitments.toml"
    ledger.parent.mkdir()
    assert gt("init", str(ledger)).exit_code == 0
    assert gt("--ledger", str(ledger), "split").exit_code == 0
    added = gt(
        "--ledger", str(ledger), "add", "--title", "Joint work", "-a", "MIIT", "-a", "PBOC",
        "--source", "scio-2025-10-31", "--quote", "green", "--id", "joint-work",
        "--on", "2025-11-01",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    pages = build(gt, ledger, tmp_path / "site", "2026-01-01")
    for code in ("MIIT", "PBOC"):
        assert 'href="../pledge/joint-work.html"' in text(pages, f"agency/{code}.html"), code
    footer = re.findall(r'<code class="digest">(\w+)</code>', text(pages, "index.html"))
    part = tmp_path / "l" / "ledger" / "scio-2025-10-31.toml"
    part.write_text(part.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    again = re.findall(
        r'<code class="digest">(\w+)</code>',
        text(build(gt, ledger, tmp_path / "site2", "2026-01-01"), "index.html"),
    )
    assert len(footer) == len(again) == 1 and footer != again


STATUS_RULES = """\
.status-pledged { color: #0a5c73; }
.status-in_progress { color: #0550ae; }
.status-stalled { color: #7d4e00; }
.status-partially_met { color: #7d4e00; }
.status-met { color: #1a7f37; }
.status-missed { color: #c21d2a; }
.status-withdrawn { color: #57606a; }
.overdue { color: #c21d2a; }
"""


def test_the_site_and_the_html_page_colour_statuses_alike(gt: Run, tmp_path: Path) -> None:
    ledger = write_measured_ledger(tmp_path)
    pages = build(gt, ledger, tmp_path / "site")
    page = gt("--ledger", str(ledger), "export", "--format", "html", "--as-of", AS_OF)
    assert page.exit_code == 0
    styles = [pages["index.html"].decode(), pages["methods.html"].decode(), page.stdout]
    for style in styles:
        css = style[style.index("<style>") : style.index("</style>")]
        assert STATUS_RULES in css
        assert re.findall(r"\.(?:status-\w+|overdue)\b", css) == re.findall(
            r"\.(?:status-\w+|overdue)\b", STATUS_RULES
        )  # no rule of its own besides
