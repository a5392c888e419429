"""The reports of DESIGN §8 as `Document`s: the yearly work report (due 10 January) and
the self-inspection reports (due 30 June and 20 December), the member units' quarterly
progress summary and the half-year publication. Render them with
`inspector.services.document` (Markdown, XLSX with charts, JSON); the UI draws the
charts from `Document.sections[*].charts`."""

from __future__ import annotations

from inspector.services.reports.annual import annual_report
from inspector.services.reports.quarterly import half_year_publication, quarterly_report
from inspector.services.reports.self_inspection import self_inspection_report

__all__ = [
    "annual_report",
    "half_year_publication",
    "quarterly_report",
    "self_inspection_report",
]
