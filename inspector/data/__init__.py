"""Data access: opening and migrating databases, the one write path, history, queries.

Hot paths use the standard library's sqlite3 directly (a register of a million outfalls
must page in milliseconds); SQLModel models are the schema of record.
"""
