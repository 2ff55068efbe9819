"""A scripted stand-in for $EDITOR: ``python scripted_editor.py PLAN_DIR FILE``.

Run number N copies what it was shown to ``PLAN_DIR/shown-N.toml`` and then replaces
FILE with ``PLAN_DIR/reply-N.toml``; without a reply file it leaves FILE as it was (as
quitting without saving does). ``PLAN_DIR/exit-N`` holding a number makes run N exit
with that status instead.
"""

import shutil
import sys
from pathlib import Path

plan, target = Path(sys.argv[1]), Path(sys.argv[2])
run = len(list(plan.glob("shown-*.toml"))) + 1
shutil.copyfile(target, plan / f"shown-{run}.toml")
status = plan / f"exit-{run}"
if status.exists():
    sys.exit(int(status.read_text()))
reply = plan / f"reply-{run}.toml"
if reply.exists():
    shutil.copyfile(reply, target)
