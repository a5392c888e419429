"""The data side of sync (DESIGN §5): merging remote operations, version vectors.

- `merge`: applies operations from another replica inside the caller's transaction, each
  field a last-writer-wins register ordered by (hlc, origin), recording a conflict for
  every concurrent edit and a duplicate candidate for every outfall registered twice.
- `vectors`: what this replica holds (its version vector, derived from `op`), what it
  knows its peers hold, and the operations a peer lacks.
- `chain`, `guard`, `checks`: each origin's operations chained by hash under its signed
  checkpoints, and what an importer checks of every operation before merging it
  (signature coverage, clock, id, values, authority); `trust`: the trust record and
  the originals a peer lacks; `clock`: repairing a clock an earlier version let be
  poisoned; `bundles`: the record of bundles sent and received; `conflicts` and
  `duplicates`: what the merge recorded for a person to decide, and the decisions.

File formats, trust decisions and encryption live in `inspector.services.sync`; nothing
here reads or writes a bundle file (`bundles` keeps only the record of one).
"""
