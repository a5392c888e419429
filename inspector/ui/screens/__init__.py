"""Screens: one module per screen. Top-level sections are listed in `navigation`."""
