"""Reading the body of a webhook or callback request: JSON text to the value it holds.

Standard library only. Text that is not JSON raises the same ``ValidationFailed`` as a value
that breaks its schema, so a receiver needs one ``except`` to answer 400.
"""

from __future__ import annotations

import json
from typing import Any

from ._validation import ValidationError, ValidationFailed


def decode_payload(body: object, what: str) -> Any:
    """``body`` as a JSON value: ``bytes`` (UTF-8, -16 or -32, as RFC 8259 allows) and ``str``
    are JSON text and are parsed; anything else (a ``dict`` a web framework already parsed) is
    taken as the value itself. ``what`` names the payload in the error."""
    if not isinstance(body, bytes | bytearray | str):
        return body
    try:
        return json.loads(body, parse_constant=_refuse_constant)
    except ValueError as error:  # also a byte sequence that is no Unicode text
        message = f"the body is not JSON: {error}"
    except RecursionError:
        message = "the body nests too deeply to be read"
    raise ValidationFailed(what, [ValidationError("", "json", message)])


def _refuse_constant(name: str) -> object:
    """JSON has no NaN or infinities; Python's reader would take them."""
    raise ValueError(f"{name} is not a JSON value")
