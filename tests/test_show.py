"""`gt show`: everything about one commitment, on a terminal and piped, exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run
from tests.small_ledgers import block, ledger_text, write_ledger

APEC = """\
id        mofcom-apec-egl-tariffs
title     Reduce tariffs on APEC Environmental Goods List products to below 5%
agency    MOFCOM · Ministry of Commerce · 商务部
speaker   Li Chenggang, Vice Minister of Commerce and China's International Trade Negotiator
status    met
deadline  none (continuing)
source    State Council Information Office policy briefing on expanding green trade, State Council
          Information Office, 2025-10-31 [scio-2025-10-31]
tags      tariffs, trade-governance
target    at most 5% (Tariff on APEC Environmental Goods List products)
progress  — · no data

Quote
“Meanwhile, we have faithfully fulfilled our tariff reduction commitments under the APEC
Environmental Goods List, with tariffs on listed products reduced to below 5% as scheduled.”

History

  Date         Status   Note                                  Evidence
 ──────────────────────────────────────────────────────────────────────────────────────────────────
  2025-10-31   met      MOFCOM reported the APEC              SCIO briefing of 31 October 2025
                        Environmental Goods List tariff       (scio-2025-10-31): “we have
                        reduction commitments fulfilled,      faithfully fulfilled our tariff
                        with tariffs on listed products       reduction commitments under the APEC
                        below 5% as scheduled.                Environmental Goods List, with
                                                              tariffs on listed products reduced
                                                              to below 5% as scheduled”


Measurements: none recorded yet (`gt record`).
"""


def plain(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n"))


def test_show_everything_about_a_met_pledge(gt_tty: Run) -> None:
    result = gt_tty("show", "mofcom-apec", "--as-of", "2026-11-29")
    assert result.exit_code == 0
    assert result.stdout == APEC


def test_show_a_pledge_without_history_or_target(gt_tty: Run) -> None:
    result = gt_tty("show", "pboc-green-assets-global-issuance", "--as-of", "2026-11-29")
    assert (
        plain(result.stdout)
        == """\
id        pboc-green-assets-global-issuance
title     Support global issuance of green financial products to offer more Chinese green assets to
          investors
agency    PBOC · People's Bank of China · 中国人民银行
speaker   Wang Xin, Director of the Research Bureau, People's Bank of China
status    pledged (stale: nothing recorded since 2025-10-31)
deadline  none (continuing)
source    State Council Information Office policy briefing on expanding green trade, State Council
          Information Office, 2025-10-31 [scio-2025-10-31]
tags      finance, green-trade

Quote
“Third, supporting the issuance of green financial products in global financial markets to provide
global investors with more Chinese green assets, empowering the innovative development of green
service trade through the two-way opening of the financial sector.”

History: no status change recorded since the pledge.
"""
    )


def test_show_overdue_target(gt_tty: Run) -> None:
    result = gt_tty("show", "miit-green-factories-2030", "--as-of", "2031-01-01")
    lines = plain(result.stdout).splitlines()
    assert lines[5:7] == [
        "status    pledged (overdue; stale: nothing recorded since 2025-10-31)",
        "deadline  2030",
    ]
    assert lines[10:12] == [
        "target    at least 40% (Output value share of national, provincial and municipal green factories)",
        "progress  — · overdue",
    ]


def test_show_unknown_id(gt: Run) -> None:
    result = gt("show", "pboc-green-bonds")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(
        "gt: error: no commitment with id 'pboc-green-bonds'; did you mean "
    )


def test_ids_are_found_in_any_case(gt_tty: Run) -> None:
    result = gt_tty("show", "MIIT-Green-Factories-2030", "--as-of", "2026-11-29")
    assert (result.exit_code, result.stdout.splitlines()[0]) == (
        0,
        "id        miit-green-factories-2030",
    )


PBOC_PIPED = """\
id\tpboc-green-assets-global-issuance
title\tSupport global issuance of green financial products to offer more Chinese green assets to investors
agency\tPBOC · People's Bank of China · 中国人民银行
speaker\tWang Xin, Director of the Research Bureau, People's Bank of China
status\tpledged (stale: nothing recorded since 2025-10-31)
deadline\tnone (continuing)
source\tState Council Information Office policy briefing on expanding green trade, State Council Information Office, 2025-10-31 [scio-2025-10-31]
tags\tfinance, green-trade

Quote
“Third, supporting the issuance of green financial products in global financial markets to provide global investors with more Chinese green assets, empowering the innovative development of green service trade through the two-way opening of the financial sector.”

History: no status change recorded since the pledge.
"""


def test_piped_show_is_plain_lines_never_wrapped(gt: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    result = gt("show", "pboc-green-assets-global-issuance", "--as-of", "2026-11-29")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == PBOC_PIPED
    monkeypatch.setenv("COLUMNS", "40")  # the width of a terminal plays no part
    narrow = gt("show", "pboc-green-assets-global-issuance", "--as-of", "2026-11-29")
    assert narrow.stdout == PBOC_PIPED


def test_piped_show_of_a_met_pledge_has_history_rows_and_no_measurements(gt: Run) -> None:
    result = gt("show", "mofcom-apec", "--as-of", "2026-11-29")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "id\tmofcom-apec-egl-tariffs\n"
        "title\tReduce tariffs on APEC Environmental Goods List products to below 5%\n"
        "agency\tMOFCOM · Ministry of Commerce · 商务部\n"
        "speaker\tLi Chenggang, Vice Minister of Commerce and China's International Trade "
        "Negotiator\n"
        "status\tmet\n"
        "deadline\tnone (continuing)\n"
        "source\tState Council Information Office policy briefing on expanding green trade, "
        "State Council Information Office, 2025-10-31 [scio-2025-10-31]\n"
        "tags\ttariffs, trade-governance\n"
        "target\tat most 5% (Tariff on APEC Environmental Goods List products)\n"
        "progress\t— · no data\n"
        "\n"
        "Quote\n"
        "“Meanwhile, we have faithfully fulfilled our tariff reduction commitments under the "
        "APEC Environmental Goods List, with tariffs on listed products reduced to below 5% as "
        "scheduled.”\n"
        "\n"
        "History\n"
        "date\tstatus\tnote\tevidence\n"
        "2025-10-31\tmet\tMOFCOM reported the APEC Environmental Goods List tariff reduction "
        "commitments fulfilled, with tariffs on listed products below 5% as scheduled.\t"
        "SCIO briefing of 31 October 2025 (scio-2025-10-31): “we have faithfully fulfilled our "
        "tariff reduction commitments under the APEC Environmental Goods List, with tariffs on "
        "listed products reduced to below 5% as scheduled”\n"
        "\n"
        "Measurements: none recorded yet (`gt record`).\n"
    )


def test_piped_show_escapes_tabs_line_breaks_and_backslashes(gt: Run, tmp_path: Path) -> None:
    history = (
        '[{ date = 2025-11-02, status = "in_progress", note = "talks\\topened", '
        'evidence = "C:\\\\docs\\nsecond line" }]'
    )
    text = block(
        "t-1",
        quote="green goods.\\nTariffs on listed products",
        status="in_progress",
        history=history,
    ).replace('title = "Title of t-1"', 'title = "Tabs\\there"')
    path = write_ledger(tmp_path, ledger_text(text))
    result = gt("--ledger", str(path), "show", "t-1", "--as-of", "2025-12-01")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "id\tt-1\n"
        "title\tTabs\\there\n"
        "agency\tMOFCOM · Ministry of Commerce\n"
        "status\tin_progress\n"
        "deadline\tnone (continuing)\n"
        "source\tBriefing, SCIO, 2025-10-31 [brief]\n"
        "\n"
        "Quote\n"
        "“green goods.\\nTariffs on listed products”\n"
        "\n"
        "History\n"
        "date\tstatus\tnote\tevidence\n"
        "2025-11-02\tin_progress\ttalks\\topened\tC:\\\\docs\\nsecond line\n"
    )


def test_piped_rows_escape_unicode_line_breaks(gt: Run, tmp_path: Path) -> None:
    history = '[{ date = 2025-11-02, status = "in_progress", note = "one\\u2028two" }]'
    text = block("t-1", status="in_progress", history=history).replace(
        'title = "Title of t-1"', 'title = "Next\\u0085line\\u2029end"'
    )
    path = write_ledger(tmp_path, ledger_text(text))
    shown = gt("--ledger", str(path), "show", "t-1", "--as-of", "2025-12-01")
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()  # Python breaks lines at NEL, U+2028 and U+2029 too
    assert lines[1] == "title\tNext\\x85line\\u2029end"
    assert lines[-1] == "2025-11-02\tin_progress\tone\\u2028two\t"
    listed = gt("--ledger", str(path), "list", "--as-of", "2025-12-01", "--fields", "id,title")
    assert listed.stdout.splitlines() == ["id\ttitle", "t-1\tNext\\x85line\\u2029end"]
