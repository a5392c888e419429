"""Data access: opening and migrating databases, the one write path, history, queries.

The only place SQL is written or run: one module per aggregate, keyword-only functions
that take a connection, return typed rows and leave the transaction to the caller
(`tests/test_layers.py` holds the rest of the package to it).

Hot paths use the standard library's sqlite3 directly (a register of a million outfalls
must page in milliseconds); SQLModel models are the schema of record.
"""
