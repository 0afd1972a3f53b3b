"""Specs in several files, made one document: every ``$ref`` to another file is brought in.

A reference to ``other.yaml#/components/schemas/Pet`` brings ``Pet`` into this document's
``components/schemas``; one to a whole file (``definitions/device_keys.yaml``), or to another
part of one, brings it in under the component kind its place calls for (a schema, a parameter,
a response...), named after the file (``DeviceKeys``) or the fragment's last token. The
reference is rewritten to point there, so every later stage sees one document, and a problem
in what was brought in is still reported in its own file, at its own line and pointer.

Only ``.yaml``, ``.yml`` and ``.json`` files reached by relative paths are read; absolute paths,
``file:`` and network URLs are refused, and ``ref_root``, when given, confines every file read
to that folder. No file's content ever appears in a message.
"""

from __future__ import annotations

import copy
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from generator import naming
from generator.errors import GenerationError, Problem, join_pointer, unescape_pointer_token
from generator.spec.load import Document, Mount, load_document
from generator.spec.resolve import lookup_pointer
from generator.spec.shape import is_data, name_positions

_SUFFIXES = (".yaml", ".yml", ".json")
_COMPONENT = re.compile(r"^/components/([^/]+)/([^/]+)$")
# The component kind a reference stands for, by the map (or list) it is a member of, or by the
# keyword it is the value of; anything else is a schema.
_KIND_BY_CONTAINER = {
    "parameters": "parameters",
    "responses": "responses",
    "headers": "headers",
    "examples": "examples",
    "links": "links",
    "callbacks": "callbacks",
    "securitySchemes": "securitySchemes",
    "requestBodies": "requestBodies",
    "schemas": "schemas",
    "paths": "pathItems",
}
_KIND_BY_KEYWORD = {"requestBody": "requestBodies"}
_KEEP = object()  # the node stays, its reference rewritten
_INLINED = object()  # the node now holds what it referred to, to be read as that file's


@dataclass(frozen=True, slots=True)
class _Target:
    path: Path  # resolved
    fragment: str  # a JSON pointer in that file


def bundle_document(
    root: Document, spec: Path, ref_root: Path | None = None
) -> tuple[Document, tuple[Path, ...]]:
    """``root`` with every file it refers to brought in (``root`` is changed in place), and
    the files read besides the spec."""
    bundler = _Bundler(root, spec.resolve(), ref_root.resolve() if ref_root else None)
    bundler.run()
    if bundler.problems:
        raise GenerationError(bundler.problems)
    others = tuple(sorted(path for path in bundler.documents if path != bundler.spec))
    if not bundler.mounts:
        return root, others
    mounts = tuple(bundler.mounts)
    return Document(root.path, root.data, root.lines, root.json_text, mounts), others


class _Bundler:
    def __init__(self, root: Document, spec: Path, ref_root: Path | None) -> None:
        self.root = root
        self.spec = spec
        self.ref_root = ref_root
        self.problems: list[Problem] = []
        self.documents: dict[Path, Document] = {spec: root}
        self.placed: dict[_Target, str] = {}  # what was brought in -> its pointer here
        self.mounts: list[Mount] = []
        # Parts still to read: (the node, its pointer here, its file, that file's document,
        # its pointer there).
        self.pending: list[tuple[Any, str, Path, Document, str]] = []

    def run(self) -> None:
        self.pending.append((self.root.data, "", self.spec, self.root, ""))
        while self.pending:
            self._rewrite(*self.pending.pop())

    def _rewrite(self, node: Any, here: str, source: Path, document: Document, origin: str) -> None:
        """Point the references in ``node`` (at ``here``, read from ``origin`` in ``source``)
        into this document, bringing in what they name."""
        # (node, its container and key there, its pointer here and in its file, the two keys
        # above it)
        stack: list[tuple[Any, Any, Any, str, str, str, str]] = [
            (node, None, None, here, origin, "", "")
        ]
        seen: set[int] = set()  # YAML aliases share nodes: rewrite each once
        while stack:
            current, container, key, at, at_origin, parent, grandparent = stack.pop()
            if id(current) in seen:
                continue
            if isinstance(current, dict):
                seen.add(id(current))
                ref = current.get("$ref")
                if isinstance(ref, str) and (source != self.spec or not ref.startswith("#")):
                    value = self._reference(current, ref, source, document, at_origin, at)
                    if value is _INLINED:
                        continue  # read from its own file, later
                    if value is not _KEEP and container is not None:
                        container[key] = value  # a reference to a string, a number, a list
                        continue
                for name, value in current.items():
                    if name != "$ref" and not is_data(parent, grandparent, str(name), value):
                        pointers = (join_pointer(at, name), join_pointer(at_origin, name))
                        stack.append((value, current, name, *pointers, str(name), parent))
            elif isinstance(current, list):
                seen.add(id(current))
                for index, value in enumerate(current):
                    pointers = (join_pointer(at, index), join_pointer(at_origin, index))
                    stack.append((value, current, index, *pointers, parent, grandparent))

    def _reference(
        self,
        node: dict[str, Any],
        ref: str,
        source: Path,
        document: Document,
        origin: str,
        here: str,
    ) -> Any:
        """Point ``node``'s reference ``ref`` (made in ``source``) into this document; return
        what replaces ``node`` when the reference names a value that is not an object."""
        where = join_pointer(origin, "$ref")
        target = self._target(ref, source, document, where)
        if target is None:
            return _KEEP
        if target in self.placed:
            node["$ref"] = "#" + self.placed[target]
            return _KEEP
        if target.path == self.spec:  # back into the spec itself, where pointers hold
            node["$ref"] = "#" + "/".join(quote(t, safe="~") for t in target.fragment.split("/"))
            return _KEEP
        loaded = self._load(target.path, document, where)
        if loaded is None:
            return _KEEP
        try:
            content = lookup_pointer(loaded.data, target.fragment)
        except (KeyError, IndexError, ValueError, TypeError):
            self.problems.append(document.problem(where, f"$ref {ref!r} points at nothing"))
            return _KEEP
        brought = copy.deepcopy(content)
        self.mounts.append(Mount(here, loaded, target.fragment))
        if not isinstance(brought, dict):
            return brought  # OpenAPI wants a string here (a summary, an operationId)
        kind, name = self._place(target, here)
        if kind == "pathItems":
            # 3.0 has no components for path items: the path item is written in its place.
            del node["$ref"]
            node.update({k: v for k, v in brought.items() if k not in node})
            self.pending.append((node, here, target.path, loaded, target.fragment))
            return _INLINED
        self.mounts.pop()
        pointer = join_pointer("/components", kind, name)
        self.placed[target] = pointer
        components = self.root.data.setdefault("components", {})
        components.setdefault(kind, {})[name] = brought
        node["$ref"] = "#" + pointer
        self.mounts.append(Mount(pointer, loaded, target.fragment))
        self.pending.append((brought, pointer, target.path, loaded, target.fragment))
        return _KEEP

    def _target(self, ref: str, source: Path, document: Document, where: str) -> _Target | None:
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc:
            self._refuse(document, where, ref, "only relative file paths are followed")
            return None
        path_text, _, fragment = ref.partition("#")
        fragment = unquote(fragment)
        if fragment and not fragment.startswith("/"):
            self._refuse(document, where, ref, "its fragment is not a JSON pointer")
            return None
        if not path_text:  # "#/...": within the file that holds it
            return _Target(source, fragment)
        relative = PurePosixPath(unquote(path_text))
        if relative.is_absolute() or "\\" in path_text:
            self._refuse(document, where, ref, "only relative file paths are followed")
            return None
        if relative.suffix.lower() not in _SUFFIXES:
            self._refuse(document, where, ref, "only .yaml, .yml and .json files are read")
            return None
        path = (source.parent / relative).resolve()
        if self.ref_root is not None and not path.is_relative_to(self.ref_root):
            self._refuse(document, where, ref, "it leaves the folder ref_root allows")
            return None
        return _Target(path, fragment)

    def _refuse(self, document: Document, where: str, ref: str, why: str) -> None:
        self.problems.append(document.problem(where, f"$ref {ref!r} is not followed: {why}"))

    def _load(self, path: Path, document: Document, where: str) -> Document | None:
        if path in self.documents:
            return self.documents[path]
        shown = self._shown(path)
        if not path.is_file():
            self.problems.append(document.problem(where, f"cannot read {shown}: no such file"))
            return None
        try:
            loaded = load_document(path, shown)
        except GenerationError as error:
            self.problems.extend(error.problems)
            return None
        self.documents[path] = loaded
        return loaded

    def _shown(self, path: Path) -> str:
        """How a file is named in messages: as the spec is, followed by the path between them."""
        between = os.path.relpath(path, self.spec.parent)
        return posixpath.normpath(
            posixpath.join(posixpath.dirname(self.root.path), PurePath(between).as_posix())
        )

    def _place(self, target: _Target, here: str) -> tuple[str, str]:
        """The component kind and a free name for what ``target`` brings in."""
        named = _COMPONENT.match(target.fragment)
        if named:
            kind = named.group(1)
            wanted = unescape_pointer_token(named.group(2))
        else:
            kind = _kind_at(here)
            last = target.fragment.rsplit("/", 1)[-1] if target.fragment else target.path.stem
            wanted = naming.pascal_case(last) if kind == "schemas" else last
        taken = (self.root.data.get("components") or {}).get(kind) or {}
        # A name already used is qualified by the folders the file is in, nearest first.
        folders = [part for part in target.path.parent.parts if part not in ("/", "")]
        name = wanted
        for depth in range(1, len(folders) + 1):
            if name not in taken:
                break
            qualifier = folders[-depth:]
            if kind == "schemas":
                name = "".join(naming.pascal_case(f) for f in qualifier) + wanted
            else:
                name = "_".join([*qualifier, wanted])
        number = 2
        while name in taken:  # the same name in the same folders: a file and its fragment
            name, number = f"{wanted}{number}", number + 1
        return kind, name


def _kind_at(here: str) -> str:
    """The component kind a reference at ``here`` stands for."""
    tokens = name_positions(here)
    if not tokens:
        return "schemas"
    last, is_name = tokens[-1]
    if is_name and len(tokens) > 1:
        return _KIND_BY_CONTAINER.get(tokens[-2][0], "schemas")
    return _KIND_BY_KEYWORD.get(last, "schemas")
