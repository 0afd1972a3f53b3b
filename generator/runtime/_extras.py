"""The message for an optional dependency that is missing.

The models, validators, fixtures and webhooks need only the standard library; the client
needs httpx (the project's ``client`` extra), the strategies hypothesis and the pytest plugin
pytest (its ``testing`` extra). A module that needs one imports it through ``missing_extra``,
so that its absence says what to install instead of a bare ``No module named 'httpx'``.
"""

from __future__ import annotations


def missing_extra(error: ImportError, module: str, extra: str) -> ModuleNotFoundError:
    """The error to raise when ``module`` (a ``__name__``) cannot import what its ``extra``
    provides: it names the extra and the install command."""
    missing = error.name or "a dependency"
    package = module.partition(".")[0]
    return ModuleNotFoundError(
        f"{module} needs {missing}, which is not installed: "
        f"pip install '{package}[{extra}]' (the package's {extra!r} extra; "
        f"or install {missing} itself where {package} is vendored, not installed)",
        name=error.name,
    )
