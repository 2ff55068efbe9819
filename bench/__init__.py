"""The speed benchmark of gt: synthetic ledgers, a process meter and a runner (see docs/bench.md)."""
