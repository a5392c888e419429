"""Files in and out from the UI, as the command line has them: a ledger exported
(`ledger export`, public or not), and a stamped evidence copy of a photo (`photos stamp`).

Both are dialogs that write files (`reports._WriteModal`): the path box completes and
shows the path resolved, an existing file is replaced only when the person says so, and
the work runs in a worker with a progress bar. Importing a ledger is `setup.ImportModal`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from inspector.i18n import t
from inspector.services.ledger import EXPORT_FORMATS
from inspector.ui.modals.plans import text_spec
from inspector.ui.modals.reports import _WriteModal
from inspector.ui.widgets.forms.fields import Field

EVIDENCE = (".jpg", ".png")


class LedgerExportModal(_WriteModal):
    """The register as a ledger file: every column, or the public version (no personal
    data); the whole city or one county."""

    TITLE: ClassVar[str] = "files.export.title"
    SAVE: ClassVar[str] = "files.export.save"

    def intro(self) -> str:
        return t("files.export.intro")

    def fields(self) -> list[Field]:
        return [
            self.county_field(),
            Field(
                "report",
                text_spec("public", required=True, max_length=3),
                value="no",
                label=t("files.export.public"),
                control="chips",
                options=[(t("files.export.full"), "no"), (t("files.export.public_only"), "yes")],
            ),
            self.path_field(f"ledger-{self.ctx.today().isoformat()}.xlsx", suffixes=EXPORT_FORMATS),
        ]

    def write(self, values: dict[str, Any]) -> str:
        from inspector.services.ledger import export_ledger

        (path,) = self.targets(values)
        self.step(t("pui.report.writing", file=path), done=0, total=100)

        def progress(fraction: float) -> None:
            self.step(t("pui.report.writing", file=path), done=int(fraction * 100), total=100)

        report = export_ledger(
            self.ctx.db,
            path,
            public=values.get("public") == "yes",
            county=values.get("county_code") or None,
            progress=progress,
        )
        self.step("", done=100, total=100)
        return t("ledger.exported", rows=report.rows, file=report.file)


class StampModal(_WriteModal):
    """A copy of a stored photo with its facts stamped on it (when, where, which
    outfall), for a report or a case file; the original is never touched."""

    TITLE: ClassVar[str] = "files.stamp.title"
    SAVE: ClassVar[str] = "files.stamp.save"

    def __init__(self, photo_id: str, *, name: str, code: str = "") -> None:
        super().__init__(year=0)
        self.photo_id = photo_id
        self.photo_name = name
        self.code = code

    def intro(self) -> str:
        return t("files.stamp.intro", photo=self.photo_name)

    def fields(self) -> list[Field]:
        stem = "-".join(part for part in (self.code, self.photo_id[:8]) if part)
        return [self.path_field(f"{stem}-evidence.jpg", suffixes=EVIDENCE)]

    def write(self, values: dict[str, Any]) -> str:
        from inspector.services.photos.evidence import export_evidence

        (path,) = self.targets(values)
        self.step(t("pui.report.writing", file=path), done=0, total=1)
        copy = export_evidence(self.ctx.db, self.photo_id, path)
        self.step("", done=1, total=1)
        message = t("photos.stamped", path=copy.path)
        if copy.missing_glyphs:
            message += "\n" + t("photos.stamp_missing_glyphs", chars="".join(copy.missing_glyphs))
        return message
