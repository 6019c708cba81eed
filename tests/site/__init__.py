"""A fake tempo.co served on 127.0.0.1, and the harness that crawls it with the real spider."""
