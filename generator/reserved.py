"""Every name generated code uses itself, in one place, so that no name made from the spec
lands on one of them (a spec name that does gets a suffix or prefix in ``naming.py``).

The runtime's names are read from the runtime's own modules (``generator/runtime/``): what
they define is what generated code imports from them, so the lists cannot drift from it.
"""

from __future__ import annotations

import builtins

from generator.runtime import _linear_regex, _runtime, _validation, exported_names

# What ``_runtime`` defines, less its own type variable: the helpers models and the client
# import by name when their code mentions them.
RUNTIME_EXPORTS = exported_names(_runtime) - {"T"}
# What ``_validation`` defines: a validator's local variable of one of these names would hide it.
VALIDATION_NAMES = exported_names(_validation)

RUNTIME_NAMES = tuple(sorted(n for n in RUNTIME_EXPORTS if n not in ("OpenIntEnum", "OpenStrEnum")))
"""The runtime helpers a module imports when its code mentions them (the enum bases come in
with the enums that use them)."""

SHADOWED_IN_VALIDATORS = (
    frozenset(dir(builtins)) | VALIDATION_NAMES | exported_names(_linear_regex) | {"re"}
)
"""Names a generated validator function never binds: builtins, the validation runtime's and
the modules it imports."""

# Names the generated modules use themselves; a spec name that lands on one gets a trailing "_".
RESERVED_ATTRIBUTES = frozenset(
    {"additional_properties", "from_dict", "to_dict", "self", "cls", "data", "field", "frozenset"}
    | {"classmethod"}
    | {"str", "int", "float", "bool", "list", "dict", "date", "datetime", "any", "maybe"}
)
# Capitalised builtins of Python 3.10 to 3.13, spelled out so that names do not depend on the
# Python that runs the generator.
_BUILTIN_CLASSES = frozenset(
    {
        "ArithmeticError",
        "AssertionError",
        "AttributeError",
        "BaseException",
        "BaseExceptionGroup",
        "BlockingIOError",
        "BrokenPipeError",
        "BufferError",
        "BytesWarning",
        "ChildProcessError",
        "ConnectionAbortedError",
        "ConnectionError",
        "ConnectionRefusedError",
        "ConnectionResetError",
        "DeprecationWarning",
        "EOFError",
        "Ellipsis",
        "EncodingWarning",
        "EnvironmentError",
        "Exception",
        "ExceptionGroup",
        "False",
        "FileExistsError",
        "FileNotFoundError",
        "FloatingPointError",
        "FutureWarning",
        "GeneratorExit",
        "IOError",
        "ImportError",
        "ImportWarning",
        "IndentationError",
        "IndexError",
        "InterruptedError",
        "IsADirectoryError",
        "KeyError",
        "KeyboardInterrupt",
        "LookupError",
        "MemoryError",
        "ModuleNotFoundError",
        "NameError",
        "None",
        "NotADirectoryError",
        "NotImplemented",
        "NotImplementedError",
        "OSError",
        "OverflowError",
        "PendingDeprecationWarning",
        "PermissionError",
        "ProcessLookupError",
        "PythonFinalizationError",
        "RecursionError",
        "ReferenceError",
        "ResourceWarning",
        "RuntimeError",
        "RuntimeWarning",
        "StopAsyncIteration",
        "StopIteration",
        "SyntaxError",
        "SyntaxWarning",
        "SystemError",
        "SystemExit",
        "TabError",
        "TimeoutError",
        "True",
        "TypeError",
        "UnboundLocalError",
        "UnicodeDecodeError",
        "UnicodeEncodeError",
        "UnicodeError",
        "UnicodeTranslateError",
        "UnicodeWarning",
        "UserWarning",
        "ValueError",
        "Warning",
        "ZeroDivisionError",
    }
)
RESERVED_CLASSES = frozenset(
    _BUILTIN_CLASSES
    | {name for name in RUNTIME_EXPORTS if name[:1].isupper()}
    | {"Any", "Enum", "Mapping", "TYPE_CHECKING", "ClassVar", "TypeAlias", "Literal"}
)
# Device names Windows reserves in every case and with any extension (``con.py`` is CON): a
# file or folder of one of these names cannot exist there.
WINDOWS_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"{device}{digit}" for device in ("com", "lpt") for digit in "0123456789¹²³"}
)
RESERVED_MODULES = frozenset({"__init__", "_runtime"}) | WINDOWS_DEVICE_NAMES

# Names a generated client class uses itself: its own methods, and the modules and classes its
# annotations name (a method called ``models`` would hide the module from later annotations).
RESERVED_METHODS = frozenset(
    {"close", "aclose", "models", "httpx", "datetime", "date"}
    | {"str", "int", "float", "bool", "bytes", "list", "dict", "object"}
)


# Names the parameter validators use themselves (the error list, the helper for a missing one),
# and the client's: ``self``, the body's argument, the locals of the functions that build a
# request, and the modules and classes their code names.
RESERVED_ARGUMENTS = frozenset(
    {"errors", "missing", "self", "details", "request", "body", "models", "validators"}
    | {"httpx", "datetime", "date", "format_datetime"}
)
