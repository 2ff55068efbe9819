"""A small ledger full of text that breaks naive exports: formulas, pipes, backslashes,
line breaks, HTML and Chinese. Tests write it into their scratch folder."""

from __future__ import annotations

from pathlib import Path

ARCHIVE = (
    "Tricky briefing.\n"
    "=SUM(A1) was read out first.\n"
    "Prices a|b and C:\\temp were listed.\n"
    "<script>alert('x')</script> appeared in the notes.\n"
    "扩大绿色贸易\uff0c商务部将推进。\n"
    "The share will rise to 40% by 2030.\n"
)

LEDGER = """schema = 1

[agencies.MOFCOM]
name = "Ministry of Commerce"
name_zh = "商务部"

[agencies.XSS]
name = "<b>Bold</b> & Co"

[sources.tricky]
title = "Briefing <on> \\"trade\\" & more"
publisher = "Press | Office"
date = 2025-10-31
archive = "sources/tricky.txt"

[[commitments]]
id = "formula"
title = "=SUM(A1)"
agency = "MOFCOM"
source = "tricky"
quote = "=SUM(A1) was read out first."
status = "pledged"

[[commitments]]
id = "pipes"
title = "a|b and C:\\\\temp"
agency = "MOFCOM"
source = "tricky"
quote = "Prices a|b and C:\\\\temp were listed."
status = "pledged"

[[commitments]]
id = "newline"
title = "line one\\nline two"
agency = "XSS"
source = "tricky"
quote = "The share will rise to 40% by 2030."
status = "met"

[[commitments.history]]
date = 2025-11-20
status = "met"
note = "@note\\tsecond"
evidence = "-1+1 <script>alert(1)</script>"

[[commitments]]
id = "cjk"
title = "扩大绿色贸易"
agency = "MOFCOM"
source = "tricky"
quote = "扩大绿色贸易\uff0c商务部将推进。"
status = "in_progress"
deadline = "2030"

[[commitments.history]]
date = 2025-11-01
status = "in_progress"
note = "商务部"

[[commitments.measurements]]
date = 2025-10-31
value = 30.0
source = "baseline table"

[[commitments.measurements]]
date = 2025-12-31
value = 35.0
source = "annual report"

[commitments.target]
metric = "Share"
unit = "%"
value = 40.0
direction = "increase"

[[commitments]]
id = "script"
title = "<script>alert(1)</script>"
agency = "XSS"
source = "tricky"
quote = "<script>alert('x')</script> appeared in the notes."
status = "pledged"
"""


def write_tricky_ledger(folder: Path) -> Path:
    """Write the tricky ledger and its archived source into ``folder``; return the ledger path."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "tricky.txt").write_text(ARCHIVE, encoding="utf-8")
    path = folder / "commitments.toml"
    path.write_text(LEDGER, encoding="utf-8")
    return path
