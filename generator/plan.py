"""Stage 6: decide which files exist and prepare every template's context.

The package's own files are planned here; each output (models, validators, fixtures, client)
plans its files in its own folder.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from generator.client.plan import plan_client_files
from generator.encode import comment, docstring, identifier, literal
from generator.fixtures.plan import plan_fixture_files
from generator.ir import Api
from generator.models.plan import plan_model_files
from generator.output.contexts import Banner, BannerContext, PackageInitContext
from generator.output.planned import PlannedFile
from generator.validators.plan import plan_validator_files


def plan_files(api: Api, package: str) -> list[PlannedFile]:
    root = PurePosixPath(identifier(package))
    title = _title(api)
    banner = Banner(comment(f"{api.source} ({title})" if title else api.source))
    files = [
        PlannedFile(
            root / "__init__.py", "package/package_init.py.jinja", _package_context(api, banner)
        ),
        PlannedFile(root / "_runtime.py", "package/runtime.py.jinja", BannerContext(banner)),
        PlannedFile(root / "py.typed", "package/py.typed.jinja", BannerContext(banner)),
    ]
    return (
        files
        + plan_model_files(api, root, banner)
        + plan_validator_files(api, root, banner)
        + plan_fixture_files(api, root, banner)
        + plan_client_files(api, root, banner)
    )


def _title(api: Api) -> str:
    if api.title and api.version:
        return f"{api.title}, version {api.version}"
    return api.title or api.version


def _package_context(api: Api, banner: Banner) -> PackageInitContext:
    text = api.title or "The generated client package."
    if api.description:
        text += "\n\n" + api.description
    return PackageInitContext(banner, docstring(text), literal(api.version))
