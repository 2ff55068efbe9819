"""The HTML export as a real browser shows it: headless Chromium renders the page.

Skipped, with the reason, when /usr/bin/chromium is missing (``scripts/ensure-chromium``
installs it); with ``GT_REQUIRE_BROWSER=1`` (set in CI) a missing browser fails instead.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run
from tests.ledgers import write_tricky_ledger

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
WIDTH = 1280

# Test-only: measures the rendered page and writes what it found into the DOM. The page
# itself has no script; this is added to a copy so the browser can report its layout.
PROBE = """<script>
window.addEventListener("load", () => {
  const rect = (e) => e.getBoundingClientRect();
  const table = document.querySelector("table.commitments");
  const hide = document.createElement("style");
  hide.textContent = "details { display: none; }";
  document.head.appendChild(hide);
  const rows = [...table.rows].map((r) => [...r.cells].map((c) => c.innerText.trim()));
  hide.remove();
  const bars = [...document.querySelectorAll(".bar")].map(
    (b) => Math.round(100 * rect(b.firstElementChild).width / rect(b).width));
  const details = [...document.querySelectorAll("details")];
  const closedVisible = details.map((d) => d.querySelector("blockquote").checkVisibility());
  details.forEach((d) => { d.open = true; });
  const quotes = details.map((d) => d.querySelector("blockquote").innerText);
  const openVisible = details.map((d) => d.querySelector("blockquote").checkVisibility());
  const met = document.querySelector(".status-met");
  const found = {
    scripts: document.scripts.length,
    viewport: document.documentElement.clientWidth,
    scrollWidth: document.documentElement.scrollWidth,
    tableWidth: Math.round(rect(table).width),
    rows, bars, closedVisible, openVisible, quotes,
    metColour: met ? getComputedStyle(met).color : null,
    idsOnOneLine: [...table.querySelectorAll("td.id")].every((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return range.getClientRects().length === 1;
    }),
  };
  const out = document.createElement("output");
  out.id = "probe";
  out.textContent = JSON.stringify(found);
  out.style.display = "none";
  document.body.appendChild(out);
});
</script>"""


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        reason = f"headless Chromium is not installed ({CHROMIUM}); run scripts/ensure-chromium"
        if os.environ.get("GT_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return CHROMIUM


def dump_dom(chromium: Path, page: Path, profile: Path) -> str:
    """The DOM Chromium built from ``page`` after loading it, serialised."""
    result = subprocess.run(
        [
            str(chromium), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={profile}", f"--window-size={WIDTH},900",
            "--dump-dom", page.as_uri(),
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def render(gt: Run, chromium: Path, ledger: Path, tmp_path: Path, *args: str) -> dict[str, Any]:
    page = tmp_path / "page.html"
    result = gt("--ledger", str(ledger), "export", "-f", "html", "-o", str(page), *args)
    assert result.exit_code == 0, result.stderr
    dom = dump_dom(chromium, page, tmp_path / "profile-plain")
    assert "<script" not in dom
    probed = tmp_path / "probed.html"
    probed.write_text(
        page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8"
    )
    match = re.search(
        r'<output id="probe"[^>]*>(.*?)</output>',
        dump_dom(chromium, probed, tmp_path / "profile-probe"),
    )
    assert match, "the probe did not report"
    found: dict[str, Any] = json.loads(html.unescape(match.group(1)))
    return found


def test_tricky_page_renders_text_as_written(gt: Run, chromium: Path, tmp_path: Path) -> None:
    ledger = write_tricky_ledger(tmp_path / "tricky")
    found = render(gt, chromium, ledger, tmp_path, "--as-of", "2026-01-01")
    assert found["scripts"] == 1  # the probe only: the page brings none
    assert found["rows"] == [
        ["Id", "Agency", "Commitment", "Status", "Deadline", "Progress", "Pace"],
        ["formula", "MOFCOM", "=SUM(A1)", "Pledged", "", "", ""],
        ["pipes", "MOFCOM", "a|b and C:\\temp", "Pledged", "", "", ""],
        ["newline", "XSS", "line one\nline two", "Met", "", "", ""],
        ["cjk", "MOFCOM", "扩大绿色贸易", "In progress", "2030", "50%", "On track"],
        ["script", "XSS", "<script>alert(1)</script>", "Pledged", "", "", ""],
    ]
    assert found["bars"] == [50]
    assert found["closedVisible"] == [False] * 5  # quotes hidden until asked for
    assert found["openVisible"] == [True] * 5
    assert found["quotes"][-1] == "<script>alert('x')</script> appeared in the notes."
    assert found["metColour"] == "rgb(26, 127, 55)"


def test_briefing_page_fits_the_window(
    gt: Run, chromium: Path, ledger_path: Path, tmp_path: Path
) -> None:
    found = render(gt, chromium, ledger_path, tmp_path, "--as-of", "2026-01-01")
    assert len(found["rows"]) == 24
    assert found["rows"][1][:4] == ["mofcom-green-trade-capacity", "MOFCOM", (
        "Keep aligning with global green trends and strengthen China's capacity to serve the "
        "world through green trade"), "In progress"]  # fmt: skip
    assert found["scrollWidth"] <= found["viewport"]  # no sideways scrolling
    assert found["tableWidth"] <= found["viewport"]
    assert found["idsOnOneLine"] is True
