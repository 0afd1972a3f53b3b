"""Every Python name the generator makes from a spec name, in one place.

Names are derived from the spec's own. Where two agree, the one the spec's author wrote keeps
it and the other is numbered apart (``number_apart``), always with a warning; the callers say
which keeps it. A spec can choose a name with ``x-python-name``.
"""

from __future__ import annotations

import hashlib
import keyword
import re
import unicodedata

from generator.reserved import (
    RESERVED_ATTRIBUTES,
    RESERVED_CLASSES,
    RESERVED_METHODS,
    RESERVED_MODULES,
    WINDOWS_DEVICE_NAMES,
)

# Every file and folder the generator writes has a name of at most MAX_FILE_NAME characters
# (Windows and most file systems allow 255, less under a deep checkout). A module's name is
# kept to MAX_MODULE_NAME so that its file, with a prefix such as ``_requests_`` and ``.py``,
# fits.
MAX_FILE_NAME = 100
MAX_MODULE_NAME = 80
_PORTABLE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")

# Runs of capitals ending in a plural "s" stay one word (sizeInGBs -> size_in_gbs), as in the
# OCI SDKs; digits stay with the word before them (ipv4Address -> ipv4_address).
_WORD = re.compile(r"[A-Z]{2,}s(?![a-z])|[A-Z]+[0-9]*(?![a-z])|[A-Z]?[a-z]+[0-9]*|[0-9]+[a-z]*")
_ASCII_PARTS = re.compile(r"[A-Za-z0-9]+")


def words(name: str) -> list[str]:
    return [w for part in _ASCII_PARTS.findall(name) for w in _WORD.findall(part)]


def snake_case(name: str) -> str:
    """An attribute name: ``uniqueSizeInMbs`` -> ``unique_size_in_mbs``."""
    return _safe("_".join(w.lower() for w in words(name)), "field_", RESERVED_ATTRIBUTES)


def method_name(operation_id: str) -> str:
    """A client method: ``CreateVolumeBackup`` -> ``create_volume_backup``."""
    return _safe("_".join(w.lower() for w in words(operation_id)), "call_", RESERVED_METHODS)


def webhook_name(name: str) -> str:
    """What a webhook's or callback's functions are named after (``parse_<it>``,
    ``validate_<it>_payload``): ``balancePlatform.transfer.created`` ->
    ``balance_platform_transfer_created``; "" when the name has no letter or digit. The prefix
    keeps it clear of keywords and leading digits."""
    return "_".join(w.lower() for w in words(name))


def chooser_name(hint: str) -> str:
    """The validators' public function that picks a union's alternative by validating them:
    ``choose_`` and the name the union's inline classes are named after
    (``ChargeCustomer`` -> ``choose_charge_customer``)."""
    return "choose_" + ("_".join(w.lower() for w in words(hint)) or "value")


def operation_group(path: str) -> str:
    """The module an operation's code goes to, in the client and the validators alike: named
    after the last fixed segment of its path (``/volumes/{volumeId}`` -> ``volumes``), which
    keeps a resource's operations together."""
    name = module_name(path_end(path))
    return name if is_valid_identifier(name) else "root"


def path_end(path: str) -> str:
    fixed = [s for s in path.split("/") if s and "{" not in s]
    return fixed[-1].split(".")[0] if fixed else ""


def result_class(operation_id: str) -> str:
    """The class a client method returns: ``CreateVolumeBackup`` -> ``CreateVolumeBackupResult``."""
    return pascal_case(operation_id) + "Result"


def request_class(model: str) -> str:
    """The request shape of a class whose request and response shapes differ (read-only
    properties out): ``Pet`` -> ``PetRequest``; a class already named for a request (an
    inline request body's ``RenamePetRequest``, a schema ``OwnerRequest``) gets ``Body``
    instead (``RenamePetRequestBody``), so no name says ``Request`` twice. Numbered apart
    when taken (``lower/names.py``)."""
    return model + ("Body" if model.endswith("Request") else "Request")


def parameter_name(name: str) -> str:
    """A keyword argument: ``StartTime<`` -> ``start_time_before``, as Twilio's SDK names it."""
    for suffix, word in (("<=", " before"), (">=", " after"), ("<", " before"), (">", " after")):
        if name.endswith(suffix):
            name = name[: -len(suffix)] + word
            break
    return snake_case(name)


def module_name(name: str) -> str:
    """A module name: ``VolumeBackup`` -> ``volume_backup``; a Windows device name gets a
    trailing underscore (``Con`` -> ``con_``), and a long one is shortened (``bounded``)."""
    made = _safe("_".join(w.lower() for w in words(name)), "schema_", RESERVED_MODULES)
    return bounded(made, MAX_MODULE_NAME)


def bounded(name: str, limit: int) -> str:
    """``name``, or when it is longer than ``limit``, its first ``limit - 9`` characters, an
    underscore and the first 8 hex digits of the SHA-256 of the whole name: still derived from
    the name alone, and two long names that share a beginning stay apart."""
    if len(name) <= limit:
        return name
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{name[: limit - 9]}_{digest}"


def is_portable_file_name(name: str) -> bool:
    """Whether every common file system can hold a file or folder of this name: ASCII letters,
    digits, ``_``, ``.`` and ``-``, not starting with ``.`` or ``-``, not ending with ``.``, at
    most ``MAX_FILE_NAME`` characters, and not a Windows device name before its first dot."""
    return (
        len(name) <= MAX_FILE_NAME
        and _PORTABLE_NAME.fullmatch(name) is not None
        and not name.endswith(".")
        and name.split(".")[0].lower() not in WINDOWS_DEVICE_NAMES
    )


def pascal_case(name: str) -> str:
    """A class name: ``volume_backup`` -> ``VolumeBackup``; existing capitals are kept."""
    parts = words(name)
    if not any(c.islower() for c in name):  # SHOUTING_CASE: REQUEST_RECEIVED -> RequestReceived
        parts = [w.lower() for w in parts]
    return _safe("".join(w[:1].upper() + w[1:] for w in parts), "Model", RESERVED_CLASSES)


def _safe(result: str, digit_prefix: str, reserved: frozenset[str]) -> str:
    """A leading digit gets a prefix; a keyword or a reserved name gets a trailing underscore.
    Soft keywords (match, case, type) are valid names and stay as they are."""
    if result[:1].isdigit():
        result = digit_prefix + result
    if keyword.iskeyword(result) or result in reserved:
        result += "_"
    return result


def constant_case(value: str) -> str:
    """An enum member name: ``request-received`` -> ``REQUEST_RECEIVED``."""
    result = "_".join(w.upper() for w in words(value))
    if not result:
        return "EMPTY" if value == "" else ""
    if result[:1].isdigit():
        result = "VALUE_" + result
    return result


# How a character that is not a letter or digit is spelled in a member name.
_SYMBOL_NAMES = {
    ".": "DOT", "/": "SLASH", "\\": "BACKSLASH", "+": "PLUS", "-": "MINUS", "*": "STAR",
    "<": "LESS_THAN", ">": "GREATER_THAN", "=": "EQUALS", "!": "NOT", "~": "TILDE", "@": "AT",
    "#": "HASH", "$": "DOLLAR", "%": "PERCENT", "^": "CARET", "&": "AND", "|": "PIPE",
    ":": "COLON", ";": "SEMICOLON", ",": "COMMA", "?": "QUESTION", "'": "QUOTE",
    '"': "DOUBLE_QUOTE", "`": "BACKTICK", "(": "LEFT_PAREN", ")": "RIGHT_PAREN",
    "[": "LEFT_BRACKET", "]": "RIGHT_BRACKET", "{": "LEFT_BRACE", "}": "RIGHT_BRACE",
    "_": "UNDERSCORE", " ": "SPACE",
}  # fmt: skip


def enum_member_names(values: list[str | int]) -> tuple[dict[str | int, str], list[str]]:
    """A member name for each value, and the values no rule could name apart.

    The rule, in order: a string's words in CONSTANT_CASE (``dark-blue`` -> ``DARK_BLUE``),
    ``VALUE_`` before a leading digit, ``EMPTY`` for ``""``; an integer is ``VALUE_3`` or
    ``VALUE_MINUS_3``. Values whose names would be the same, or that have no letter or digit,
    are spelled out, each other character by name (``+1`` -> ``PLUS_1``, ``a.b`` ->
    ``A_DOT_B``, ``<=`` -> ``LESS_THAN_EQUALS``). Values that still agree differ only in the
    case of their letters: the upper-case one keeps the name, the others get ``_LOWER``,
    ``_TITLE`` or ``_MIXED``.
    """
    plain = {value: _plain_member(value) for value in values}
    counts: dict[str, int] = {}
    for name in plain.values():
        counts[name] = counts.get(name, 0) + 1
    spelled = {
        value: (
            _spelled_member(value)
            if isinstance(value, str) and (counts[name] > 1 or not name)
            else name
        )
        for value, name in plain.items()
    }
    groups: dict[str, list[str | int]] = {}
    for value, name in spelled.items():
        groups.setdefault(name, []).append(value)
    result: dict[str | int, str] = {}
    unnamed: list[str] = []
    for name, same in groups.items():
        if len(same) == 1:
            result[same[0]] = name
            continue
        cased = {value: name + _case_suffix(str(value)) for value in same}
        if len(set(cased.values())) < len(cased):
            unnamed.extend(str(v) for v in same)
        else:
            result.update(cased)
    return result, unnamed


def _plain_member(value: str | int) -> str:
    if isinstance(value, int):
        return f"VALUE_MINUS_{-value}" if value < 0 else f"VALUE_{value}"
    return constant_case(value)


def _spelled_member(value: str) -> str:
    parts: list[str] = []
    run = ""
    for char in value:
        if char.isascii() and char.isalnum():
            run += char.upper()
            continue
        if run:
            parts.append(run)
            run = ""
        parts.append(_SYMBOL_NAMES.get(char) or _unicode_name(char))
    if run:
        parts.append(run)
    name = "_".join(parts) or "EMPTY"
    return "VALUE_" + name if name[:1].isdigit() else name


def _unicode_name(char: str) -> str:
    return "_".join(words(unicodedata.name(char, f"U+{ord(char):04X}"))).upper()


def _case_suffix(value: str) -> str:
    if value == value.upper():
        return ""
    if value == value.lower():
        return "_LOWER"
    return "_TITLE" if value == value.title() else "_MIXED"


def numbered_apart(names: list[str]) -> list[str]:
    """Each name, or, where an earlier one took it, the name numbered (``name_2``, ``name_3``):
    the last resort for names that agree, always said in a warning by the caller."""
    taken: set[str] = set()
    result = []
    for name in names:
        candidate = number_apart(name, taken)
        taken.add(candidate)
        result.append(candidate)
    return result


def number_apart(name: str, taken: set[str] | dict[str, str], separator: str = "_") -> str:
    """``name``, or the first of ``name_2``, ``name_3``... that ``taken`` does not hold (class
    names are numbered without the separator: ``FacetResponse2``)."""
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}{separator}{number}", number + 1
    return candidate


def is_valid_identifier(name: str) -> bool:
    return name.isidentifier() and name.isascii() and not keyword.iskeyword(name)


def alias_decoder(alias: str) -> str:
    """The function a recursive type alias's module defines to convert wire data to it:
    ``Json`` -> ``json_from_wire``."""
    return "_".join(w.lower() for w in words(alias)) + "_from_wire"


def export_order(names: list[str]) -> list[str]:
    """``names`` in the order ruff keeps ``__all__`` (RUF022, an isort-style sort): CONSTANTS,
    then Classes, then the rest, each group in natural order (``Option2`` before ``Option10``),
    case-sensitively."""
    return sorted(names, key=lambda name: name_order(name, fold_case=False))


def name_order(name: str, *, fold_case: bool) -> tuple[int, list[tuple[int, str]], str]:
    """The key isort-style sorts share: the kind (CONSTANT, Class, other), then the name with
    runs of digits compared as numbers; imports (I001) ignore case, ``__all__`` (RUF022) not."""
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    parts = re.split(r"(\d+)", name.lower() if fold_case else name)
    return kind, [(int(p), "") if p.isdigit() else (-1, p) for p in parts], name
