"""The installable project around the package: ``pyproject.toml`` and ``README.md``."""
