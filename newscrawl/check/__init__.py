"""``python -m newscrawl check-pages``: the parser judged on a set of saved pages (``report.py``)."""
