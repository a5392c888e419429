"""The tabs of the Plans section: plans and their items, progress, assessment, incidents."""
