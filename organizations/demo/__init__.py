"""Demo data: the small district of `manage.py seed_demo` and the district-scale bulk load."""
