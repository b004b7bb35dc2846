"""Everything is in pyproject.toml. This file exists for `scrapyd-deploy`, which builds the
project's egg with `python setup.py bdist_egg` (and would otherwise write a setup.py of its
own that knows nothing of the package list, the data files or the migrations)."""

from setuptools import setup

setup()
