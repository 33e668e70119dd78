"""`make bench`: the pages and jobs of docs/performance.md, measured against the floor view."""
