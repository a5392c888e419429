"""Pilot functional tests and SVG snapshots of the terminal UI."""
