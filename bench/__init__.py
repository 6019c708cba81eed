"""``make bench``: newscrawl's speed next to baselines measured in the same run."""
