"""Hostile input for the fake tempo.co: a generated corpus of broken, huge, lying and looping pages."""
