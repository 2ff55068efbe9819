"""A small ledger holding the issue's example figures, for the progress, list, show and summary tests."""

from __future__ import annotations

from pathlib import Path

MEASURED_LEDGER = """\
schema = 1

[agencies.MIIT]
name = "Ministry of Industry and Information Technology"

[agencies.NEA]
name = "National Energy Administration"

[agencies.SAMR]
name = "State Administration for Market Regulation"

[sources.brief]
title = "Briefing"
publisher = "SCIO"
date = 2025-10-31

[sources.later]
title = "A later briefing"
publisher = "SCIO"
date = 2026-03-01

[[commitments]]
id = "up-half"
title = "Raise the share from 10% to 40%"
agency = "MIIT"
source = "brief"
quote = "raise it to 40%"
status = "in_progress"
deadline = "2030"

[[commitments.history]]
date = 2025-11-15
status = "in_progress"

[[commitments.measurements]]
date = 2026-06-30
value = 25.0
source = "Annual report [2026]"

[commitments.target]
metric = "share"
unit = "%"
value = 40.0
direction = "increase"
baseline = { value = 10.0 }

[[commitments]]
id = "down-half"
title = "Cut the rate from 10% to 5%"
agency = "NEA"
source = "brief"
quote = "cut it below 5%"
status = "pledged"
deadline = "2027"
measurements = [
    { date = 2026-01-31, value = 9.0 },
    { date = 2026-06-30, value = 7.5 },
]

[commitments.target]
metric = "rate"
unit = "%"
value = 5.0
direction = "decrease"
baseline = { value = 10.0, date = 2025-10-31 }

[[commitments]]
id = "over"
title = "Reach 40 from 10, and overshoot"
agency = "MIIT"
source = "brief"
quote = "at least 40"
status = "in_progress"
deadline = "2030"

[[commitments.history]]
date = 2025-11-15
status = "in_progress"

[[commitments.measurements]]
date = 2026-06-30
value = 45.0

[commitments.target]
metric = "plants"
unit = "plants"
value = 40.0
direction = "increase"
baseline = { value = 10.0 }

[[commitments]]
id = "one-point"
title = "A target measured once, no baseline"
agency = "NEA"
source = "brief"
quote = "one point"
status = "pledged"
deadline = "2030"

[[commitments.measurements]]
date = 2026-06-30
value = 12.0

[commitments.target]
metric = "capacity"
unit = "GW"
value = 50.0
direction = "increase"

[[commitments]]
id = "met-but-short"
title = "Marked met while the figure misses"
agency = "MIIT"
source = "brief"
quote = "met but short"
status = "met"
deadline = "2026-06"

[[commitments.history]]
date = 2026-07-01
status = "met"
evidence = "Ministry statement"

[[commitments.measurements]]
date = 2026-06-30
value = 30.0

[commitments.target]
metric = "share"
unit = "%"
value = 40.0
direction = "increase"
baseline = { value = 10.0 }

[[commitments]]
id = "words-only"
title = "A pledge without a number, due mid-2026"
agency = "NEA"
source = "brief"
quote = "words only"
status = "pledged"
deadline = "2026-06"

[[commitments]]
id = "late-pledge"
title = "A pledge made at a later briefing"
agency = "SAMR"
source = "later"
quote = "later"
status = "pledged"
"""


def write_measured_ledger(folder: Path) -> Path:
    """Write :data:`MEASURED_LEDGER` as ``folder/measured.toml`` and return its path."""
    path = folder / "measured.toml"
    path.write_text(MEASURED_LEDGER, encoding="utf-8")
    return path
