"""greentrade-cli: a tracker for the public commitments made at government policy briefings.

The package is a plain library (ledger, commitment, target, deadline, status, ...) with a
thin Typer command line (`gt`) on top; see :mod:`greentrade_cli.cli`.
"""

__version__ = "0.1.0"
SCHEMA_VERSION = 1
"""The version of the ledger's TOML schema this gt reads (its ``schema`` key); here, not in
:mod:`greentrade_cli.ledgerfile.schema`, so that the ledger cache's keys need not import the schema."""
