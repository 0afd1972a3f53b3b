"""Every ``format`` the generator knows, in one table.

For each string format: the runtime function the validators call to check it (in the generated
package's ``_validation.py``), a value that passes and one that fails (the fixtures use them,
and ``tests/unit/test_formats.py`` runs both through the runtime's checker), the hypothesis
strategy expression that draws valid values, and the Python type a model converts it to. The
integer formats are checked as bounds, so they need no function.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from generator.ir import ScalarKind


@dataclass(frozen=True, slots=True)
class StringFormat:
    name: str
    checker: str  # the runtime's function that tells whether a string has the format
    valid: str
    invalid: str
    strategy: str  # a hypothesis expression for valid values, in the strategies module
    strategy_needs: frozenset[str] = frozenset()  # what the strategy needs imported
    dialects: tuple[str, ...] = ("3.0", "3.1")  # where it constrains data (3.1 has no byte)
    model: ScalarKind | None = None  # the type a model converts it to; None keeps a str


_FORMATS = (
    StringFormat(
        "date-time",
        "is_date_time",
        "2024-05-14T10:30:00Z",
        "2024-05-14 10:30",
        "_date_times()",
        model="datetime",
    ),
    StringFormat(
        "date",
        "is_date",
        "2024-05-14",
        "2024-02-30",
        "st.dates().map(date.isoformat)",
        strategy_needs=frozenset({"date"}),
        model="date",
    ),
    StringFormat("time", "is_time", "10:30:00Z", "10:30", "_times()"),
    StringFormat(
        "uuid",
        "is_uuid",
        "6a1c7e2e-3b5d-4f0a-9c8e-2d4b6f8a0c1e",
        "6a1c7e2e3b5d4f0a9c8e2d4b6f8a0c1e",
        "st.uuids().map(str)",
    ),
    StringFormat(
        "email",
        "is_email",
        "jane.doe@example.com",
        "jane.doe.example.com",
        'st.from_regex(r"[a-z]{1,8}(\\.[a-z]{1,8})?@[a-z]{1,8}\\.(com|org)", fullmatch=True)',
    ),
    StringFormat(
        "hostname",
        "is_hostname",
        "db1.example.com",
        "db1..example.com",
        'st.from_regex(r"[a-z][a-z0-9]{0,8}(\\.[a-z][a-z0-9]{0,8}){0,2}", fullmatch=True)',
    ),
    StringFormat("ipv4", "is_ipv4", "192.0.2.10", "192.0.2.256", "st.ip_addresses(v=4).map(str)"),
    StringFormat(
        "ipv6", "is_ipv6", "2001:db8::10", "2001:db8:::10", "st.ip_addresses(v=6).map(str)"
    ),
    StringFormat(
        "uri",
        "is_uri",
        "https://example.com/resources/1",
        "example.com/resources/1",
        'st.from_regex(r"https://[a-z]{1,8}\\.example/[a-z0-9]{0,8}", fullmatch=True)',
    ),
    StringFormat(
        "uri-reference",
        "is_uri_reference",
        "/resources/1",
        "/resources/1 2",
        'st.from_regex(r"/[a-z0-9]{0,8}", fullmatch=True)',
    ),
    StringFormat(
        "byte",
        "is_byte",
        base64.b64encode(b"example").decode(),
        "not base64!",
        "st.binary(max_size=16).map(lambda b: base64.b64encode(b).decode())",
        strategy_needs=frozenset({"base64"}),
        dialects=("3.0",),
    ),
)
STRING_FORMATS: dict[str, StringFormat] = {f.name: f for f in _FORMATS}
# The integer formats, by the bits of their magnitude: a value lies in [-2**bits, 2**bits - 1].
INTEGER_FORMATS: dict[str, int] = {"int32": 31, "int64": 63}
# Formats that say nothing a JSON value could break (OpenAPI's own, for numbers and UIs).
FORMATS_WITHOUT_RULE = frozenset({"float", "double", "password", "binary"})


def is_checked(name: str, dialect: str) -> bool:
    """Whether the validators check format ``name`` in an OpenAPI ``dialect`` document."""
    if name in INTEGER_FORMATS:
        return True
    known = STRING_FORMATS.get(name)
    return known is not None and dialect in known.dialects


def string_model(name: object) -> ScalarKind:
    """The type a model holds a string of format ``name`` in."""
    known = STRING_FORMATS.get(name) if isinstance(name, str) else None
    return known.model if known is not None and known.model is not None else "str"
