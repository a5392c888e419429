"""The data side of sync (DESIGN §5): merging remote operations, version vectors.

- `merge`: applies operations from another replica inside the caller's transaction, each
  field a last-writer-wins register ordered by (hlc, origin), recording a conflict for
  every concurrent edit and a duplicate candidate for every outfall registered twice.
- `vectors`: what this replica holds (its version vector, derived from `op`), what it
  knows its peers hold, and the operations a peer lacks.

File formats, trust and encryption live in `inspector.services.sync`; nothing here knows
about bundles beyond the bundle id stamped on the operations it stores.
"""
