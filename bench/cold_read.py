"""Where a cold read of a ledger in many files goes: each step timed over every file.

``python bench/cold_read.py ROOT`` reads the root ledger ``ROOT`` and the files its
``include`` list names as ``gt`` does with an empty cache, and prints the seconds each
step takes over all the files, in one process (best of three): reading and hashing the
bytes, parsing the TOML (tomli), the schema (without quotes), finding each quote in its
archived source, and pickling the result as the cache stores it.
"""

from __future__ import annotations

import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from greentrade_cli.ledgerfile import storage
from greentrade_cli.ledgerfile.digest import sha256
from greentrade_cli.ledgerfile.many_files import included_paths, root_tables
from greentrade_cli.ledgerfile.schema import read_ledger_data
from greentrade_cli.ledgerfile.tomlmap import TomlMap


def best(step: Callable[[], Any]) -> float:
    """The fastest of three runs of ``step``, in seconds."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def main(root: Path) -> None:
    ledger = storage.load(root, quotes=False)
    paths = included_paths(storage.part_at(ledger, 0))
    tables = root_tables(storage.part_at(ledger, 0))
    raws = [p.read_bytes() for p in paths]
    texts = [raw.decode("utf-8") for raw in raws]
    datas = [storage.parse_text(p, raw)[2] for p, raw in zip(paths, raws, strict=True)]
    checked = [storage.validate(p, t, d, quotes=False, root=tables)
               for p, t, d in zip(paths, texts, datas, strict=True)]  # fmt: skip
    steps: dict[str, Callable[[], Any]] = {
        "read and hash the bytes": lambda: [sha256(p.read_bytes()).hexdigest() for p in paths],
        "parse the TOML (tomli)": lambda: [
            storage.parse_text(p, raw) for p, raw in zip(paths, raws, strict=True)
        ],
        "check the schema": lambda: [read_ledger_data(d, TomlMap(), tables.tables) for d in datas],
        "find the quotes in their sources": lambda: [
            storage.check_quotes(p, c.ledger, TomlMap(), d, root)
            for p, c, d in zip(paths, checked, datas, strict=True)
        ],
        "pickle for the cache": lambda: [pickle.dumps(c.ledger, 5) for c in checked],
    }
    count = sum(len(c.ledger.commitments) for c in checked)
    print(f"{len(paths)} files, {count} commitments; best of 3, seconds")
    for name, step in steps.items():
        print(f"  {name:34} {best(step):6.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
