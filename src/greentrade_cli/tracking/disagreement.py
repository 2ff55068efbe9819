"""Where a status set by hand and the measured figures disagree.

The status is the analyst's judgement and is never changed by a computed figure; this
module only says when the two tell different stories, for ``gt show`` to report:

* the status is ``met`` but the latest measurement misses the target;
* the latest measurement reaches the target but the status is neither ``met`` nor
  ``withdrawn`` (it is still open, or ``missed``).

Without a measurement there is nothing to disagree with.
"""

from __future__ import annotations

from greentrade_cli.model.status import Status
from greentrade_cli.model.target import Target
from greentrade_cli.tracking.progress import Progress
from greentrade_cli.tracking.report import describe_target, format_value


def disagreement(status: Status, target: Target | None, figures: Progress | None) -> str | None:
    """A sentence saying how ``status`` and the latest measured value disagree, or None.

    ``figures`` is the commitment's progress as of the report date (its ``latest`` and
    ``latest_on`` are used); ``target`` its numeric target.
    """
    if target is None or figures is None or figures.latest is None:
        return None
    latest = format_value(figures.latest, target.unit)
    when = f" on {figures.latest_on.isoformat()}" if figures.latest_on else ""
    goal = describe_target(target)
    if status is Status.MET and not figures.reached:
        return (
            f"the status is met, but the latest value ({latest}{when}) misses the target ({goal})"
        )
    if figures.reached and status not in {Status.MET, Status.WITHDRAWN}:
        return (
            f"the latest value ({latest}{when}) reaches the target ({goal}), "
            f"but the status is {status.value}"
        )
    return None
