"""Loading on first use: a package index (``models``, ``validators``, ``results``, the
client's ``_operations``) imports the module defining a name when the name is first looked
up, and each client method imports its group of operations when it is first looked up. So
``import <package>.client`` loads the client classes, not every operation, model and
validator of a large API.

Type checkers and IDEs see every name through the ``if TYPE_CHECKING:`` imports the indexes
and client classes have beside this.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from importlib import import_module
from typing import Any


def exports(
    namespace: dict[str, Any],
    modules: Mapping[str, str],
    submodules: Collection[str] = (),
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` (PEP 562) of the index whose ``globals()`` is
    ``namespace``: ``modules`` maps each name it exports to the submodule defining it, and
    ``submodules`` are the submodules it exports themselves. Modules are named relative to
    the index's package (its own name for a package's ``__init__``, its parent's for a
    module). A name is imported once, then kept, so later lookups do not come here."""
    index = namespace["__name__"]
    package = namespace["__package__"]

    def load(name: str) -> Any:
        if name in submodules:
            value = import_module(f"{package}.{name}")
        elif name in modules:
            value = getattr(import_module(f"{package}.{modules[name]}"), name)
        else:
            raise AttributeError(f"module {index!r} has no attribute {name!r}")
        namespace[name] = value
        return value

    def names() -> list[str]:
        return sorted({*namespace, *modules, *submodules})

    return load, names


class GroupMethod:
    """A client method defined in a group module's mixin class, imported on first lookup
    and then put in the client class in place of this descriptor."""

    def __init__(self, module: str, mixin: str) -> None:
        self._module = module
        self._mixin = mixin
        self._name = ""
        self._owner: type | None = None

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name
        self._owner = owner

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        mixin = getattr(import_module(self._module), self._mixin)
        function = vars(mixin)[self._name]
        setattr(self._owner, self._name, function)
        return function.__get__(instance, owner)


def add_methods(
    client: type, package: str, mixin: str, methods: Mapping[str, str]
) -> None:
    """Give ``client`` one ``GroupMethod`` per entry of ``methods`` (method name -> the
    module of ``package`` holding it in its ``mixin`` class)."""
    for name, module in methods.items():
        method = GroupMethod(f"{package}.{module}", mixin)
        method.__set_name__(client, name)
        setattr(client, name, method)
