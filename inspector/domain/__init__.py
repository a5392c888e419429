"""Domain rules in plain Python: no database, no Textual, no I/O."""
