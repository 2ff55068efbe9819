"""The ledger files: reading, checking, caching and writing the TOML ledger, its journal and undo.

:mod:`.storage` is the one way in: ``load`` to read a ledger, and ``update``, ``insert``,
``remove``, ``add_source`` and ``save`` to write one.
"""
