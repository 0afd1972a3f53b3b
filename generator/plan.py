"""Stage 6: decide which files exist and prepare every template's context.

The package's own files and the runtime's modules are planned here; each output (models,
validators, fixtures, client, webhooks) plans its files in its own folder.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from itertools import islice
from pathlib import PurePosixPath

from generator.client.plan import plan_client_files
from generator.docs.plan import plan_reference_file
from generator.encode import comment, docstring, identifier, literal
from generator.fixtures.plan import plan_fixture_files
from generator.ir import Api
from generator.models.plan import plan_model_files
from generator.output.contexts import Banner, BannerContext, PackageInitContext
from generator.output.planned import CopiedFile, PlannedFile
from generator.project.plan import plan_project_files
from generator.validators.plan import plan_validator_files
from generator.webhooks.plan import plan_webhook_files

# The runtime's modules (``generator/runtime/``, laid out as in the package, so one path names
# both the source and the output) and the output that needs each: a package has the module
# when it has that output; it has a client only when the spec has operations, webhooks only
# when it has webhooks or callbacks, and the linear-time matcher only when a pattern needs it.
RUNTIME_FILES = (
    (PurePosixPath("_lazy.py"), "models"),
    (PurePosixPath("_runtime.py"), "models"),
    (PurePosixPath("_extras.py"), "models"),
    (PurePosixPath("_validation.py"), "validators"),
    (PurePosixPath("_payloads.py"), "webhooks"),
    (PurePosixPath("_linear_regex.py"), "linear_patterns"),
    (PurePosixPath("errors.py"), "client"),
    (PurePosixPath("retry.py"), "client"),
    (PurePosixPath("client/_transport.py"), "client"),
    (PurePosixPath("client/_deadline.py"), "client"),
    (PurePosixPath("client/_sending.py"), "client"),
    (PurePosixPath("client/_body.py"), "client"),
)


# Files per group: small enough that the layout pass starts soon after planning does, large
# enough that rendering them is not a call per file.
GROUP_FILES = 64


# Each output's planning, in the order of the package's files.
OUTPUTS: dict[str, Callable[[Api, PurePosixPath, Banner], Generator[PlannedFile, None, None]]] = {
    "models": plan_model_files,
    "validators": plan_validator_files,
    "fixtures": plan_fixture_files,
    "client": plan_client_files,
    "webhooks": plan_webhook_files,
}


def plan_files(
    api: Api, package: str, project: str | None = None
) -> list[PlannedFile | CopiedFile]:
    """Every file of the package; with ``project`` (the output folder as pip is given it),
    also ``pyproject.toml`` and ``README.md`` beside the package."""
    return [
        planned
        for group in plan_groups(api, package, project)
        if not isinstance(group, Rendered)  # none is: no output is asked for elsewhere here
        for planned in group
    ]


def plan_groups(
    api: Api,
    package: str,
    project: str | None = None,
    rendered_elsewhere: Mapping[str, Callable[[], dict[PurePosixPath, str]]] | None = None,
) -> Generator[Sequence[PlannedFile | CopiedFile] | Rendered, None, None]:
    """``plan_files``, a few files at a time (the package's own files, then models,
    validators, fixtures, client, webhooks and project, each output in groups of at most
    ``GROUP_FILES``), each group planned when asked for: the pipeline renders and lays out
    one group while the next is planned. An output named in ``rendered_elsewhere`` (planned
    and rendered in another process) comes in its place as the texts its function returns."""
    root = PurePosixPath(identifier(package))
    banner = _banner(api)
    own: list[PlannedFile | CopiedFile] = [
        PlannedFile(
            root / "__init__.py", "package/package_init.py.jinja", _package_context(api, banner)
        ),
        PlannedFile(root / "py.typed", "package/py.typed.jinja", BannerContext(banner)),
        plan_reference_file(api, root),
    ]
    own += [
        CopiedFile(root / path, path, banner)
        for path in runtime_paths(
            bool(api.operations), bool(api.webhooks), api.validators.linear_patterns
        )
    ]
    paths = {f.path for f in own}
    yield own
    for name, plan_output in OUTPUTS.items():
        if rendered_elsewhere and name in rendered_elsewhere:
            texts = rendered_elsewhere[name]()
            paths.update(texts)
            yield Rendered(texts)
            continue
        with closing(plan_output(api, root, banner)) as planned:
            while group := list(islice(planned, GROUP_FILES)):
                paths.update(f.path for f in group)
                yield group
    if project is not None:
        yield plan_project_files(api, root, banner, paths, project)


def plan_output(api: Api, package: str, name: str) -> list[PlannedFile]:
    """One output's files (``name`` is one of ``OUTPUTS``), as ``plan_groups`` plans them."""
    return list(OUTPUTS[name](api, PurePosixPath(identifier(package)), _banner(api)))


@dataclass(frozen=True, slots=True)
class Rendered:
    """An output's files rendered already (in another process): their texts by path."""

    texts: dict[PurePosixPath, str]


def _banner(api: Api) -> Banner:
    title = _title(api)
    return Banner(comment(f"{api.source} ({title})" if title else api.source))


def runtime_paths(
    has_client: bool, has_webhooks: bool = False, has_linear_patterns: bool = False
) -> list[PurePosixPath]:
    """The runtime modules a package has: the ones its models and validators need, the
    client's when it has one, the webhooks' when it has them, and the linear-time matcher
    when a pattern needs it."""
    wanted = {
        "client": has_client,
        "webhooks": has_webhooks,
        "linear_patterns": has_linear_patterns,
    }
    return [path for path, user in RUNTIME_FILES if wanted.get(user, True)]


def _title(api: Api) -> str:
    if api.title and api.version:
        return f"{api.title}, version {api.version}"
    return api.title or api.version


def _package_context(api: Api, banner: Banner) -> PackageInitContext:
    text = api.title or "The generated client package."
    if api.description:
        text += "\n\n" + api.description
    return PackageInitContext(banner, docstring(text), literal(api.version))
