"""The site of `gt site` as a reader's browser shows it: headless Chromium, driven by
Playwright (Debian's /usr/bin/chromium, never a browser of Playwright's own).

Every page loads without a console error or a broken link, fits 375 and 1280 pixel
windows without sideways scrolling, and passes axe-core's accessibility rules with no
serious or critical violation. Screenshots of the index and a pledge page at both widths
are written to ``test-artifacts/screenshots/`` for a person to look at.

Skipped, with the reason, when Chromium or axe-core (``npm ci``, run by
``scripts/ensure-axe``) is missing; with ``GT_REQUIRE_BROWSER=1`` (set in CI)
that fails instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlparse
from urllib.request import url2pathname

import pytest

from tests.conftest import REPO
from tests.measured_ledger import write_measured_ledger

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
WIDTHS = (375, 1280)


def _require(found: bool, reason: str) -> None:
    if not found:
        if os.environ.get("GT_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from greentrade_cli.cli import app

    folder = tmp_path_factory.mktemp("site")
    ledger = write_measured_ledger(folder)
    result = CliRunner().invoke(
        app, ["--ledger", str(ledger), "site", str(folder / "site"), "--as-of", "2026-06-30"]
    )
    assert result.exit_code == 0, result.output
    return folder / "site"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require(
        CHROMIUM.exists(),
        f"headless Chromium is not installed ({CHROMIUM}); run scripts/ensure-chromium",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


def pages_of(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_loads_cleanly_and_fits(site: Path, browser: Any) -> None:
    problems: list[str] = []
    widths: dict[tuple[str, int], tuple[int, int]] = {}
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.on(
            "console",
            lambda m: (
                problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
        for path in pages_of(site):
            name = path.relative_to(site).as_posix()
            response = page.goto(path.as_uri())
            assert response is not None and response.ok, name
            widths[name, width] = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert page.evaluate("document.scripts.length") == 0, name
            for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
                target = urlparse(urldefrag(href).url)
                if target.scheme == "file":
                    if not Path(url2pathname(target.path)).is_file():
                        problems.append(f"{name}: broken link {href}")
                elif target.scheme not in ("http", "https"):
                    problems.append(f"{name}: link {href}")
        page.close()
    assert problems == []
    assert len(widths) == 2 * 12
    too_wide = {key: sizes for key, sizes in widths.items() if sizes[0] > sizes[1]}
    assert too_wide == {}  # no sideways scrolling at 375 or 1280 pixels


def test_screenshots_for_a_person_to_look_at(site: Path, browser: Any) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    written = []
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        for name in ("index", "pledge/up-half"):
            page.goto((site / f"{name}.html").as_uri())
            shot = SCREENSHOTS / f"site-{name.replace('/', '-')}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            written.append(shot)
        page.close()
    for shot in written:
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [s.name for s in written] == [
        "site-index-375.png", "site-pledge-up-half-375.png",
        "site-index-1280.png", "site-pledge-up-half-1280.png",
    ]  # fmt: skip


def test_no_serious_accessibility_violation(site: Path, browser: Any) -> None:
    _require(AXE.is_file(), f"axe-core is not installed ({AXE}); run scripts/ensure-axe")
    found: dict[str, list[str]] = {}
    checked = 0
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 800})
        for path in pages_of(site):
            page.goto(path.as_uri())
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            checked += 1
            serious = [
                f"{v['id']}: {v['help']} ({len(v['nodes'])})"
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            if serious:
                found[f"{path.relative_to(site).as_posix()} at {width}px"] = serious
        page.close()
    assert checked == 24
    assert found == {}
