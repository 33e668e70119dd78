"""The organisation pages, one small module per subject; urls.py imports them from here."""
