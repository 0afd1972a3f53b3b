"""The client's methods and the webhooks' parsers are documented in Google style: ``Args:`` in
the signature's order, then ``Returns:`` and ``Raises:``, as IDEs and Sphinx's napoleon read
them."""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

from tests.conftest import generated_packages

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "golden" / "cases"
SPECS = {
    "seed_docs": ROOT / "spec" / "oci_core.yaml",
    "names_docs": CASES / "parameter_names" / "spec.yaml",
    "hooks_docs": CASES / "webhooks" / "spec.yaml",
}


def _sections(doc: str) -> dict[str, list[str]]:
    """Each Google section's entry names, in order (continuation lines left out)."""
    found: dict[str, list[str]] = {}
    current = None
    for line in doc.splitlines():
        if re.fullmatch(r"(Args|Returns|Raises):", line):
            current = found.setdefault(line[:-1], [])
        elif current is not None and (entry := re.match(r"    ([^ ].*?): ", line)):
            current.append(entry.group(1))
        elif not line:
            current = None
    return found


def _methods(client: type) -> list[object]:
    # The methods are attached from each group's mixin when first looked up: the client's
    # operations table names them.
    operations = vars(sys.modules[client.__module__])["_operations"]
    return [getattr(client, name) for name in operations.METHODS]


def test_every_method_says_args_returns_and_raises_in_google_style(tmp_path: Path) -> None:
    with generated_packages(tmp_path, SPECS) as load:
        methods = [
            method
            for package in ("seed_docs", "names_docs")
            for client in (load(f"{package}.client").Client, load(f"{package}.client").AsyncClient)
            for method in _methods(client)
        ]
        parsers = [
            getattr(load("hooks_docs.webhooks"), name)
            for name in load("hooks_docs.webhooks").__all__
            if name.startswith("parse_")
        ]
    assert len(methods) == 4 and len(parsers) == 4
    for method in methods:
        sections = _sections(inspect.getdoc(method) or "")
        arguments = [name for name in inspect.signature(method).parameters if name != "self"]
        assert sections["Args"] == arguments, method
        assert sections["Returns"] == [inspect.signature(method).return_annotation]
        assert sections["Raises"] == ["InvalidRequest", "ApiError", "TransportError"]
    for parser in parsers:
        sections = _sections(inspect.getdoc(parser) or "")
        assert sections["Args"] == ["body"]
        assert sections["Returns"] == [inspect.signature(parser).return_annotation]
        assert sections["Raises"] == ["ValidationFailed"]
