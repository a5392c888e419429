"""How sync refuses: exit status 2 for integrity, authenticity or safety, 3 for missing
prerequisites (DESIGN §6). Whatever is refused leaves the database as it was."""

from __future__ import annotations

from inspector.i18n import Problem


class BundleRejected(Problem):
    """Refused for integrity, authenticity or safety: exit status 2, nothing changed."""

    exit_code = 2


class PrerequisitesMissing(Problem):
    """The bundle builds on operations this replica does not hold yet: exit status 3."""

    exit_code = 3

    def __init__(self, file: str, needs: str) -> None:
        super().__init__("sync.prerequisites", file=file, needs=needs)


class Cancelled(Problem):
    def __init__(self) -> None:
        super().__init__("sync.cancelled")
