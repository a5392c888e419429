"""Form building blocks: fields driven by the models' declarations, chips, positions."""
