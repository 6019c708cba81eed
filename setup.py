"""For scrapyd-deploy, which builds the egg it sends to scrapyd with ``setup.py bdist_uberegg``
(without this file it writes one that leaves out the SQL migrations); the metadata is in
pyproject.toml."""

from setuptools import setup

setup()
