"""`gt changes`: what changed in a period, as text, Markdown and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run
from tests.small_ledgers import block, ledger_text, write_ledger

TARGET = (
    '{metric = "Share", unit = "%", value = 40, direction = "increase", '
    "baseline = {value = 10, date = 2025-01-01}}"
)
WAS_50 = (
    '[{date = 2026-02-01, note = "scaled back", evidence = "Plan <p. 3>", deadline = "2029", '
    'target = {metric = "Share", unit = "%", value = 50, direction = "increase", '
    "baseline = {value = 10, date = 2025-01-01}}}]"
)
PERIOD = ("--since", "2026-01-01", "--until", "2026-06-30")


def newsletter_ledger(folder: Path) -> Path:
    """A pledge taken from 50% by 2029 down to 40% by 2030 on 2026-02-01, stalled for want
    of funding on 2026-03-01, measured at 20% (January) and 25% (April); another still
    pledged."""
    share = block(
        "a-share", status="stalled", deadline='"2030"', target=TARGET,
        history='[{date = 2025-12-01, status = "in_progress"}, {date = 2026-03-01, '
                'status = "stalled", reason = "no_funding", note = "Budget *cut*"}]',
        measurements='[{date = 2026-01-01, value = 20}, '
                     '{date = 2026-04-01, value = 25, source = "Stats | bureau"}]',
        revisions=WAS_50,
    )  # fmt: skip
    return write_ledger(folder, ledger_text(share, block("b-other")))


def test_the_exact_markdown(gt: Run, tmp_path: Path) -> None:
    path = newsletter_ledger(tmp_path / "l")
    result = gt("--ledger", str(path), "changes", *PERIOD, "--format", "markdown")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "# Changes from 2026-01-01 to 2026-06-30\n"
        "\n"
        "## Status changes\n"
        "\n"
        "- **2026-03-01** · Title of a-share (`a-share`, MOFCOM): in_progress → stalled (no_funding)\n"
        "  - Note: Budget \\*cut\\*\n"
        "\n"
        "## New measurements\n"
        "\n"
        "- **2026-01-01** · Title of a-share (`a-share`, MOFCOM): measured 20%; progress — → 25%\n"
        "- **2026-04-01** · Title of a-share (`a-share`, MOFCOM): measured 25%; progress 33% → 50%\n"
        "  - Evidence: Stats \\| bureau\n"
        "\n"
        "## Target revisions\n"
        "\n"
        "- **2026-02-01** · Title of a-share (`a-share`, MOFCOM): revised at least 50% by 2029 → "
        "at least 40% by 2030 (weakened: target lowered, deadline later)\n"
        "  - Note: scaled back\n"
        "  - Evidence: Plan \\<p. 3\\>\n"
        "\n"
        "## New pledges\n"
        "\n"
        "None.\n"
    )


def test_text_and_json(gt: Run, tmp_path: Path) -> None:
    path = newsletter_ledger(tmp_path / "l")
    text = gt("--ledger", str(path), "changes", "--since", "2026-03-01", "--until", "2026-03-31")
    assert text.stdout == (
        "Changes from 2026-03-01 to 2026-03-31\n"
        "\n"
        "Status changes\n"
        "  2026-03-01  a-share (MOFCOM): in_progress → stalled (no_funding) · Budget *cut*\n"
        "\n"
        "New measurements\n"
        "  none\n"
        "\n"
        "Target revisions\n"
        "  none\n"
        "\n"
        "New pledges\n"
        "  none\n"
    )
    data = json.loads(gt("--ledger", str(path), "changes", *PERIOD, "-f", "json").stdout)
    assert data["since"] == "2026-01-01" and data["new_pledges"] == []
    assert data["measurements"][1] == {
        "date": "2026-04-01", "id": "a-share", "agency": "MOFCOM", "title": "Title of a-share",
        "what": "measured 25%; progress 33% → 50%", "value": 25.0,
        "progress_before": 1 / 3, "progress_after": 0.5, "note": "", "evidence": "Stats | bureau",
    }  # fmt: skip
    assert data["revisions"][0]["weakened"] == ["target lowered", "deadline later"]
    assert data["status_changes"][0]["reason"] == "no_funding"


def test_new_pledges_by_their_source_date(gt: Run, tmp_path: Path) -> None:
    path = newsletter_ledger(tmp_path / "l")
    result = gt("--ledger", str(path), "changes", "--since", "2025-10-31", "--until", "2025-10-31")
    assert result.stdout.splitlines()[-3:] == [
        "New pledges",
        "  2025-10-31  a-share (MOFCOM): pledged",
        "  2025-10-31  b-other (MOFCOM): pledged",
    ]


def test_bad_periods_and_formats(gt: Run, tmp_path: Path) -> None:
    path = newsletter_ledger(tmp_path / "l")
    for args, message in [
        (("--since", "2026-02-01", "--until", "2026-01-01"),
         "gt: error: --until 2026-01-01 is before --since 2026-02-01; give a later --until\n"),
        (("--since", "2026-01-01", "-f", "html"),
         "gt: error: --format: unknown format 'html'; use one of: text, markdown, json\n"),
        (("--since", "2026-13-01",),
         "gt: error: --since: '2026-13-01' is not a real date (month must be in 1..12)\n"),
    ]:  # fmt: skip
        result = gt("--ledger", str(path), "changes", *args)
        assert (result.exit_code, result.stderr) == (2, message)


def test_an_entry_that_keeps_the_status_reads_still(gt: Run) -> None:
    result = gt("changes", "--since", "2025-10-31", "--until", "2025-10-31")
    kept = [line for line in result.stdout.splitlines() if "mofcom-fta-green-content" in line]
    assert [line.split(" · ")[0] for line in kept] == [
        "  2025-10-31  mofcom-fta-green-content (MOFCOM): pledged → in_progress",
        "  2025-10-31  mofcom-fta-green-content (MOFCOM): still in_progress",
        "  2025-10-31  mofcom-fta-green-content (MOFCOM): pledged",
    ]
