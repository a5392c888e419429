"""Dialogs (modal screens), by the workflow they serve."""
