"""`gt show`: everything about one commitment, rendered exactly."""

from __future__ import annotations

from tests.conftest import Run

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


def test_show_everything_about_a_met_pledge(gt: Run) -> None:
    result = gt("show", "mofcom-apec", "--as-of", "2026-11-29")
    assert result.exit_code == 0
    assert result.stdout == APEC


def test_show_a_pledge_without_history_or_target(gt: Run) -> None:
    result = gt("show", "pboc-green-assets-global-issuance", "--as-of", "2026-11-29")
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


def test_show_overdue_target(gt: Run) -> None:
    result = gt("show", "miit-green-factories-2030", "--as-of", "2031-01-01")
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


def test_ids_are_found_in_any_case(gt: Run) -> None:
    result = gt("show", "MIIT-Green-Factories-2030", "--as-of", "2026-11-29")
    assert (result.exit_code, result.stdout.splitlines()[0]) == (
        0,
        "id        miit-green-factories-2030",
    )
