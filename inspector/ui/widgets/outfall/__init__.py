"""The outfall screen's tabs, one module each, and the record they show."""
