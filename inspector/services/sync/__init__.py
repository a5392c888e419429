"""Sync by file (DESIGN §5): bundles, trust, encryption, conflicts and duplicates.

- `archive`: the bundle file format, written streaming and read as hostile input.
- `crypto`: Ed25519 signatures and X25519 + ChaCha20-Poly1305 sealing for one recipient.
- `exchange`: export, verify, preview and import of bundles; bundle history; what is safely
  at the centre. The entry points the command line and the Sync screen use.
- `conflicts`: listing and resolving conflicts (a resolution is an operation and syncs).
- `duplicates`: outfalls registered twice, and merging them.

The merge itself (operations into rows) is in `inspector.data.sync`.
"""
