"""Widgets, grouped by the screen or area they belong to; shared ones at the top."""
