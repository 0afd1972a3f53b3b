"""Black is the judge of the layout pass: wherever ``layout.py`` vouches for a file, black
must not change a byte of it. Checked on every golden case and the seed, file by file, and on
statements drawn by hypothesis from the shapes generated code takes."""

from __future__ import annotations

import json
import keyword
from pathlib import Path, PurePosixPath

import black
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from generator.lower import build_api
from generator.output.cache import FormatCache
from generator.output.format import black_mode
from generator.output.layout import lay_out
from generator.output.planned import PlannedFile
from generator.output.render import render_files
from generator.pipeline import generate_package
from generator.plan import plan_files
from generator.spec.bundle import bundle_document
from generator.spec.load import load_document
from generator.spec.resolve import resolve_document

pytestmark = pytest.mark.slow  # deselected by the quick loop: pytest -m 'not slow'

ROOT = Path(__file__).resolve().parents[2]
SPECS = [
    ROOT / "spec" / "oci_core.yaml",
    *sorted((ROOT / "tests/golden/cases").glob("*/spec.yaml")),
]


def _rendered(spec: Path) -> dict[PurePosixPath, str]:
    """Each ``.py`` file rendered from our templates (the runtime's copies left out)."""
    document, _ = bundle_document(load_document(spec, spec.name), spec, None)
    planned = plan_files(build_api(resolve_document(document), source=spec.name), "pkg")
    texts = render_files(planned)
    return {
        f.path: texts[f.path]
        for f in planned
        if isinstance(f, PlannedFile) and f.path.suffix == ".py"
    }


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.parent.name)
def test_black_changes_nothing_the_layout_pass_vouches_for(spec: Path) -> None:
    changed, unvouched = [], []
    for path, text in _rendered(spec).items():
        laid_out = lay_out(text)
        if laid_out is None:
            unvouched.append(str(path))  # black's to format: allowed, but none is today
        elif laid_out != black.format_str(text, mode=black_mode()):
            changed.append(str(path))
    assert changed == []
    assert unvouched == []


def test_the_layout_pass_is_not_run_twice_on_the_same_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.output.format as format_stage

    texts = _rendered(SPECS[0])
    long_lines = [p for p, t in texts.items() if any(len(r) > 88 for r in t.split("\n"))]
    assert long_lines
    calls: list[str] = []
    original = format_stage.lay_out
    monkeypatch.setattr(format_stage, "lay_out", lambda text: calls.append(text) or original(text))
    cache = FormatCache(tmp_path / "cache")
    first = format_stage.format_files(texts, cache, ours=True)
    assert len(calls) == len(long_lines)  # files without a long line need no pass
    second = format_stage.format_files(texts, cache, ours=True)
    assert len(calls) == len(long_lines) and second == first


def test_the_seed_needs_no_black(tmp_path: Path) -> None:
    generated = generate_package(ROOT / "spec" / "oci_core.yaml", "oci_core")
    assert generated.through_black == 0


# Statements in the shapes generated code takes, one line each, in black's spacing.
_NAMES = st.sampled_from(
    ["value", "data", "models.VolumeBackup", "_validators.validate_volume_backup", "self._session"]
    + ["st.fixed_dictionaries", "maybe", "parse_datetime", "result", "x"]
    # Names too long for any layout to bring under 88 columns, as real specs make them.
    + ["models.ApiV2010AccountAvailablePhoneNumberCountryAvailablePhoneNumberLocalCapabilities"]
    + ["ApiV2010AccountSipSipDomainSipAuthSipAuthCallsSipAuthCallsCredentialListMappingList"]
)
_STRINGS = st.text("abcdefghijklmnopqrstuvwxyz_ ", max_size=40).map(lambda s: f'"{s}"')
_ATOMS = _NAMES | _STRINGS | st.integers(0, 10**6).map(str) | st.just("None")


def _compound(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    arguments = st.lists(inner | st.tuples(st.sampled_from("abk"), inner).map("=".join), max_size=5)
    return st.one_of(
        st.tuples(_NAMES, arguments).map(lambda t: f"{t[0]}({', '.join(t[1])})"),
        st.lists(inner, max_size=5).map(lambda items: f"[{', '.join(items)}]"),
        st.lists(st.tuples(_STRINGS, inner), max_size=4).map(
            lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
        ),
        st.tuples(_NAMES, inner).map(lambda t: f"{t[0]}[{t[1]}]"),
        st.tuples(inner, st.sampled_from([" and ", " or ", " + ", " == ", " is not "]), inner).map(
            "".join
        ),
        st.tuples(_NAMES, arguments, _NAMES, arguments).map(
            lambda t: f"{t[0]}({', '.join(t[1])}).{t[2].split('.')[-1]}({', '.join(t[3])})"
        ),
        st.lists(inner, min_size=2, max_size=4).map(lambda items: f"({', '.join(items)})"),
        st.tuples(inner, inner, inner).map(lambda t: f"{t[0]} if {t[1]} else {t[2]}"),
        inner.map(lambda body: f"lambda value: {body}"),
        st.tuples(inner, _NAMES).map(lambda t: f"[{t[0]} for item in {t[1]}]"),
    )


_EXPRESSIONS = st.recursive(_ATOMS, _compound, max_leaves=24)
_PARAMETERS = st.lists(
    st.tuples(st.sampled_from(["data", "direction", "body", "page"]), _NAMES, _ATOMS), max_size=4
).map(lambda ps: ", ".join(f"{n}{i}: {t} = {d}" for i, (n, t, d) in enumerate(ps)))
_STATEMENTS = st.one_of(
    _EXPRESSIONS.map(lambda e: f"return {e}"),
    _EXPRESSIONS.map(lambda e: f"result = {e}"),
    _EXPRESSIONS.map(lambda e: f"loaded: dict[str, Any] = {e}"),
    _EXPRESSIONS.filter(lambda e: e.endswith(")")),
    _EXPRESSIONS.map(lambda e: f"if {e}:"),
    _EXPRESSIONS.map(lambda e: f"{e},"),  # an item of a bracket a template exploded
    _NAMES.map(lambda name: f"data: {name} | None"),
    st.tuples(_NAMES, _PARAMETERS, _EXPRESSIONS).map(
        lambda t: f"def {t[0].split('.')[-1]}_x({t[1]}) -> list[{t[2][:20].strip(' (')}]:"
    ),
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(statement=_STATEMENTS, depth=st.integers(0, 3))
# Found by this test: a lambda in a conditional expression's else branch.
@example(statement="return lambda value: lambda value: [] if value else lambda value: f()", depth=1)
def test_lines_are_split_as_black_splits_them(statement: str, depth: int) -> None:
    # Black puts a blank line before a def after an ``if``, not after a ``class`` line.
    opener = "class C:" if statement.startswith("def ") else "if x:"
    scaffold = "".join("    " * level + opener + "\n" for level in range(depth))
    indent = "    " * depth
    if statement.endswith(","):  # inside a bracket exploded one item a line
        text = f"{scaffold}{indent}result = [\n{indent}    {statement}\n{indent}]\n"
    else:
        body = f"{indent}    pass\n" if statement.endswith(":") else ""
        text = f"{scaffold}{indent}{statement}\n{body}"
    try:
        expected = black.format_str(text, mode=black_mode())
    except black.parsing.InvalidInput:
        event("not Python")
        return
    laid_out = lay_out(text)
    event("black's" if laid_out is None else "laid out")
    if laid_out is not None:
        assert laid_out == expected


def test_black_changes_nothing_in_a_package_of_hostile_strings(tmp_path: Path) -> None:
    """Quotes, backslashes, line breaks and triple quotes in descriptions, enum values and
    names: the places where telling docstrings from code is hardest."""
    from tests.test_injection import _spec

    spec = tmp_path / "hostile.json"
    spec.write_text(json.dumps(_spec()), encoding="utf-8")
    generated = generate_package(spec, "evil")
    changed = [
        path
        for path, text in generated.files.items()
        if path.suffix == ".py" and black.format_str(text, mode=black_mode()) != text
    ]
    assert changed == []


def test_a_head_too_long_by_its_name_alone_is_left_as_black_leaves_it() -> None:
    name = "validate_" + "very_long_schema_name_" * 4
    texts = [
        f"def {name}(\n    data: object, *, direction: str | None = None\n) -> list[str]:\n"
        "    return []\n",
        f"from .{name} import (\n    Name,\n)\n",
    ]
    for text in texts:
        assert len(text.split("\n")[0]) > 88
        assert lay_out(text) == black.format_str(text, mode=black_mode()) == text


_ANNOTATIONS = st.sampled_from(
    [
        "int",
        "_transport.ErrorBodies",
        "dict[str, int]",
        'Mapping[str, "Callable[[Any], object] | None"]',
        "list[tuple[str, " + "Literal_name, " * 6 + "int]]",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    target=st.from_regex(r"[A-Z_][A-Z_0-9]{0,120}(\.[a-z_]{1,20})?", fullmatch=True).filter(
        lambda target: not any(keyword.iskeyword(part) for part in target.split("."))
    ),
    annotation=_ANNOTATIONS,
    display=st.sampled_from(["{", "["]),
    indent=st.sampled_from(["", "    "]),
)
@example(
    target="_POST_TEST_HELPERS_TREASURY_OUTBOUND_TRANSFERS_OUTBOUND_TRANSFER_FAIL_ERRORS",
    annotation="_transport.ErrorBodies",
    display="{",
    indent="",
)
def test_an_exploded_display_s_long_head_is_split_as_black_splits_it(
    target: str, annotation: str, display: str, indent: str
) -> None:
    """``target: annotation = {`` over a body a template exploded (Stripe's error tables)."""
    item = '"default": models.Error.from_dict' if display == "{" else "models.Error.from_dict"
    close = "}" if display == "{" else "]"
    body = f"{indent}    {item},\n{indent}{close}\n"
    text = f"{indent}{target}: {annotation} = {display}\n{body}"
    if indent:
        text = f"class Holder:\n{text}"
    laid_out = lay_out(text)
    event("black's" if laid_out is None else "laid out")
    if laid_out is not None:
        assert laid_out == black.format_str(text, mode=black_mode())
    if "[" not in annotation:  # our templates' case: a dotted name
        assert laid_out is not None


@settings(max_examples=100, deadline=None)
@given(
    length=st.integers(40, 100),
    depth=st.integers(1, 4),
    dotted=st.booleans(),
    nested=st.booleans(),
)
def test_a_returned_call_too_long_by_its_name_is_left_or_wrapped_as_black_does(
    length: int, depth: int, dotted: bool, nested: bool
) -> None:
    """``return Name(`` over exploded arguments (Cloudflare's long result classes): black
    leaves it when even a line of its own would not hold the name, else wraps the call in
    parentheses; the pass does the same."""
    name = ("models." if dotted else "") + "C" * length
    blocks = "".join("    " * level + "if x:\n" for level in range(1, depth))
    indent = "    " * depth
    arguments = f"{indent}    status=200,\n"
    if nested:  # an exploded argument inside, and a long one for the pass to split
        arguments += f"{indent}    items=[\n{indent}        first,\n{indent}    ],\n"
        arguments += f"{indent}    headers=" + "h" * 30 + "(response.headers, " + "x" * 40 + "),\n"
    text = f"def f():\n{blocks}{indent}return {name}(\n{arguments}{indent})\n"
    laid_out = lay_out(text)
    assert laid_out is not None
    assert laid_out == black.format_str(text, mode=black_mode())


@settings(max_examples=60, deadline=None)
@given(length=st.integers(60, 100), depth=st.integers(0, 2), dotted=st.booleans())
def test_a_long_return_annotation_is_wrapped_or_left_as_black_does(
    length: int, depth: int, dotted: bool
) -> None:
    """``) -> Name:`` closing an exploded ``def`` (Cloudflare's long result classes)."""
    name = ("models." if dotted else "") + "R" * length
    indent = "    " * depth
    blocks = "".join("    " * level + "class C:\n" for level in range(depth))
    text = (
        f"{blocks}{indent}def method(\n{indent}    self,\n{indent}    x: int,\n"
        f"{indent}) -> {name}:\n{indent}    pass\n"
    )
    laid_out = lay_out(text)
    assert laid_out is not None
    assert laid_out == black.format_str(text, mode=black_mode())
