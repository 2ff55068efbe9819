"""`gt export`: the exact bytes of each format, and where it may write."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run

APEC_QUOTE = (
    "Meanwhile, we have faithfully fulfilled our tariff reduction commitments under the APEC "
    "Environmental Goods List, with tariffs on listed products reduced to below 5% as scheduled."
)
APEC_EVIDENCE = (
    "SCIO briefing of 31 October 2025 (scio-2025-10-31): “we have faithfully fulfilled our tariff "
    "reduction commitments under the APEC Environmental Goods List, with tariffs on listed products "
    "reduced to below 5% as scheduled”"
)
FACTORIES_QUOTE = (
    "MIIT: Plans to increase the output value share of green factories at the national, "
    "provincial, and municipal levels to 40% by 2030"
)


def test_csv_bytes(gt: Run) -> None:
    result = gt("export", "--tag", "tariffs", "--tag", "green-factories", "--as-of", "2026-11-29")
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        result.stdout_bytes
        == (
            "id,agency,title,status,deadline,target,progress,pace,last_change,reason,evidence,source,quote,revised,weakened\r\n"
            "mofcom-apec-egl-tariffs,MOFCOM,Reduce tariffs on APEC Environmental Goods List products to below 5%,"
            f'met,,at most 5%,—,no data,2025-10-31,,"{APEC_EVIDENCE}",scio-2025-10-31,"{APEC_QUOTE}",,\r\n'
            "miit-green-factories-2030,MIIT,Raise green factories' share of industrial output value to 40% by 2030,"
            f'pledged,2030,at least 40%,—,no data,,,,scio-2025-10-31,"{FACTORIES_QUOTE}",,\r\n'
        ).encode()
    )


def test_markdown_bytes(gt: Run) -> None:
    result = gt("export", "-f", "markdown", "-t", "green-factories", "--as-of", "2026-11-29")
    assert result.stdout == (
        "| id | agency | title | status | deadline | target | progress | pace | last_change | reason | evidence | source | quote | revised | weakened |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        "| miit-green-factories-2030 | MIIT | Raise green factories' share of industrial output value to 40% by 2030 "
        f"| pledged | 2030 | at least 40% | — | no data |  |  |  | scio-2025-10-31 | {FACTORIES_QUOTE} |  |  |\n"
    )


def test_json_objects(gt: Run) -> None:
    result = gt("export", "-f", "json", "-t", "tariffs", "--as-of", "2026-11-29")
    assert json.loads(result.stdout) == [
        {
            "id": "mofcom-apec-egl-tariffs",
            "title": "Reduce tariffs on APEC Environmental Goods List products to below 5%",
            "agency": "MOFCOM",
            "agencies": ["MOFCOM"],
            "speaker": "Li Chenggang",
            "speaker_role": "Vice Minister of Commerce and China's International Trade Negotiator",
            "status": "met",
            "deadline": None,
            "overdue": False,
            "tags": ["tariffs", "trade-governance"],
            "target": {
                "metric": "Tariff on APEC Environmental Goods List products",
                "unit": "%",
                "baseline": None,
                "value": 5.0,
                "direction": "decrease",
            },
            "progress": None,
            "pace": "no data",
            "latest": None,
            "reason": None,
            "revised": None,
            "weakened": False,
            "revisions": [],
            "source": "scio-2025-10-31",
            "quote": APEC_QUOTE,
            "history": [
                {
                    "date": "2025-10-31",
                    "status": "met",
                    "reason": None,
                    "note": "MOFCOM reported the APEC Environmental Goods List tariff reduction "
                    "commitments fulfilled, with tariffs on listed products below 5% as scheduled.",
                    "evidence": APEC_EVIDENCE,
                }
            ],
            "measurements": [],
        }
    ]
    assert result.stdout.startswith('[\n  {\n    "id": "mofcom-apec-egl-tariffs",\n')
    factories = json.loads(gt("export", "-f", "json", "-t", "green-factories").stdout)[0]
    assert (
        factories["deadline"],
        factories["target"]["value"],
        factories["target"]["direction"],
    ) == ("2030", 40.0, "increase")


def test_json_as_of_leaves_out_later_history(gt: Run, ledger_path: Path) -> None:
    gt(
        "--ledger",
        str(ledger_path),
        "mark",
        "pboc-green-service",
        "in_progress",
        "--on",
        "2026-02-01",
    )
    early = json.loads(
        gt(
            "--ledger",
            str(ledger_path),
            "export",
            "-f",
            "json",
            "-s",
            "pledged",
            "-t",
            "finance",
            "--as-of",
            "2026-01-31",
        ).stdout
    )
    assert [(row["id"], row["status"], row["history"]) for row in early][1] == (
        "pboc-green-service-trade-financing",
        "pledged",
        [],
    )


def test_output_file_and_refusing_the_ledger(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "status.csv"
    result = gt("--ledger", str(ledger_path), "export", "-o", str(out), "-a", "PBOC")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"wrote 3 commitment(s) to {out}\n",
    )
    assert out.read_bytes().count(b"\r\n") == 4
    before = ledger_path.read_bytes()
    refused = gt("--ledger", str(ledger_path), "export", "-o", str(ledger_path))
    assert refused.exit_code == 1
    assert (
        refused.stderr
        == f"gt: error: {ledger_path} is the ledger itself; choose another --output file\n"
    )
    assert ledger_path.read_bytes() == before


def test_unknown_format_is_a_usage_error(gt: Run) -> None:
    result = gt("export", "--format", "xlsx")
    assert result.exit_code == 2
    assert "'xlsx' is not one of 'csv', 'json', 'jsonl', 'markdown', 'html', 'svg'" in result.stderr


def test_export_takes_the_list_filters_pace_and_stale_too(gt: Run) -> None:
    listed = gt("list", "--pace", "no data", "--as-of", "2026-11-29")
    exported = gt("export", "--pace", "no data", "--as-of", "2026-11-29")
    ids = ["mofcom-apec-egl-tariffs", "miit-green-factories-2030"]
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()[1:]] == ids
    assert [line.split(",")[0] for line in exported.stdout.splitlines()[1:]] == ids
    stale = gt("export", "--stale", "--agency", "PBOC", "--as-of", "2025-12-01")
    assert (stale.exit_code, stale.stdout_bytes.count(b"\r\n")) == (
        0,
        1,
    )  # header only: nothing stale yet
