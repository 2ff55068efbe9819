"""Run one command and write its wall time, CPU time, peak memory and exit code to a file.

Usage: ``python -I -S bench/meter.py RESULT_FILE COMMAND [ARGS...]``

Why a separate small process: on Linux a child's ``ru_maxrss`` starts from the memory
high-water mark of the process that forked it, so a child of the (large) benchmark
runner would report the runner's memory. This meter imports nothing but built-in
modules, so the floor it adds is a few MB (the runner measures it on ``true``).
Standard input, output and error are passed through to the command. The result file
gets one line: ``WALL_SECONDS CPU_SECONDS MAX_RSS_KB_OR_BYTES EXIT_CODE``.
"""

import os
import sys
import time


def main() -> None:
    """Fork, exec the command, reap it with :func:`os.wait4`, write the figures."""
    result, argv = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    with open(result, "w", encoding="ascii") as handle:
        handle.write(f"{wall!r} {usage.ru_utime + usage.ru_stime!r} {usage.ru_maxrss} {code}\n")


if __name__ == "__main__":
    main()
