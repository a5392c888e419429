"""Widgets of the photos area: the preview, the review list, the change dialog."""
