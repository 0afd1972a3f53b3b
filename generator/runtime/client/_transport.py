"""What every call does, sync or async, before and after the wire: build the request and read
the answer.

The generated ``_operations`` module turns each method's arguments into a ``Request`` (checked
against the spec before anything is sent) and reads each response; this module holds the parts
that do not depend on the operation. ``_sending`` sends the request.
"""

from __future__ import annotations

import json
import math
import secrets
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

import httpx

from .._validation import ValidationError, escape_token
from ..errors import ApiError, InvalidRequest, UnexpectedResponse, error_class

T = TypeVar("T")
# How an operation reads the body of each error status it declares ("404", "4XX", "default"):
# a model's from_dict, or None to keep the JSON as it is.
ErrorBodies = Mapping[str, "Callable[[Any], object] | None"]


@dataclass
class Request:
    """One call, ready to send: built by ``_operations``, sent by ``send``/``send_async``."""

    operation: str
    method: str
    path: str = ""
    params: list[tuple[str, str | int | float | bool | None]] = field(
        default_factory=list
    )
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes | None = None
    retry_token_header: str | None = None
    request_id_header: str | None = None
    errors: list[ValidationError] = field(default_factory=list)

    def body(
        self, media_type: str, data: object, errors: list[ValidationError]
    ) -> None:
        self.errors += [_under("/body", error) for error in errors]
        self.headers["content-type"] = media_type
        try:
            if isinstance(data, bytes):
                self.content = data
            elif isinstance(data, str):
                self.content = data.encode("utf-8")
            elif media_type.startswith("application/x-www-form-urlencoded"):
                self.content = form_encode(data).encode("ascii")
            else:
                text = json.dumps(
                    data,
                    ensure_ascii=False,
                    allow_nan=False,
                    separators=(",", ":"),
                    default=_json_default,
                )
                self.content = text.encode("utf-8")
        except (TypeError, ValueError) as error:  # a set, NaN: what JSON cannot carry
            self.errors.append(
                ValidationError("/body", "type", f"cannot be sent: {error}")
            )

    def check_parameters(self, errors: list[ValidationError]) -> None:
        self.errors += [_under("/parameters", error) for error in errors]

    def query(
        self,
        name: str,
        value: object,
        *,
        style: str = "form",
        explode: bool | None = None,
    ) -> None:
        """A query parameter, serialised as its OpenAPI ``style`` and ``explode`` say."""
        if value is None or not self._sendable(name, value):
            return
        value = to_wire(value)
        explode = style == "form" if explode is None else explode
        if isinstance(value, dict):
            if style == "deepObject":
                self.params += _deep(name, value)
            elif explode:
                self.params += [
                    (str(key), to_text(item)) for key, item in value.items()
                ]
            else:
                self.params.append((name, to_text(value)))
        elif isinstance(value, list):
            if explode:
                self.params += [(name, to_text(item)) for item in value]
            else:
                separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(
                    style, ","
                )
                self.params.append(
                    (name, separator.join(to_text(item) for item in value))
                )
        else:
            self.params.append((name, to_text(value)))

    def header(self, name: str, value: object, *, explode: bool = False) -> None:
        """A header parameter (the simple style): lists and objects joined by commas."""
        if value is None or not self._sendable(name, value):
            return
        text = _simple(value, explode)
        if not text.isascii() or "\n" in text or "\r" in text:
            self._refuse(
                name, f"a header value must be one line of ASCII text, not {text!r}"
            )
        self.headers[name] = text

    def cookie(self, name: str, value: object) -> None:
        if value is not None and self._sendable(name, value):
            pair = f"{name}={quote(to_text(value), safe='')}"
            old = self.headers.get("cookie")
            self.headers["cookie"] = f"{old}; {pair}" if old else pair

    def segment(
        self, name: str, value: object, *, style: str = "simple", explode: bool = False
    ) -> str:
        """A path parameter, expanded as its ``style`` says (simple, label or matrix), each
        value percent-encoded so that it stays within its segment. An empty value is refused:
        it would leave the segment out and name another resource (``/items/`` for
        ``/items/{id}``)."""
        if not self._sendable(name, value):
            return ""
        value = to_wire(value)
        if to_text(value) == "":
            self._refuse(name, "a path parameter must not be empty", "minLength")
            return ""
        if isinstance(value, dict):
            items = [(str(key), item) for key, item in value.items()]
            if explode:
                parts = [f"{_escaped(key)}={_escaped(item)}" for key, item in items]
            else:
                parts = [
                    text
                    for key, item in items
                    for text in (_escaped(key), _escaped(item))
                ]
        elif isinstance(value, list):
            parts = [_escaped(item) for item in value]
        else:
            parts = [_escaped(value)]
        if (
            style == "label"
        ):  # dots of its own, which could make a segment "..": encoded
            text = "." + ("." if explode else ",").join(parts)
            return text.replace(".", "%2E") if text in (".", "..") else text
        if style == "matrix":
            if explode and isinstance(value, dict):
                return "".join(f";{part}" for part in parts)
            if explode and isinstance(value, list):
                return "".join(f";{name}={part}" for part in parts)
            return f";{name}=" + ",".join(parts)
        return ",".join(parts)

    def _sendable(self, name: str, value: object) -> bool:
        """False (and a problem noted) for a number no URL or header can carry: NaN, infinity."""
        if _finite(value):
            return True
        self._refuse(name, f"{value!r} cannot be sent: it is not a finite number")
        return False

    def _refuse(self, name: str, message: str, keyword: str = "type") -> None:
        pointer = "/parameters/" + escape_token(name)
        self.errors.append(ValidationError(pointer, keyword, message))

    def ready(self) -> Request:
        """The request itself; ``InvalidRequest`` if any argument broke the spec."""
        if self.errors:
            raise InvalidRequest(self.operation, self.errors)
        return self


def api_error(
    response: httpx.Response,
    operation: str,
    bodies: ErrorBodies,
    request_id_header: str | None,
) -> ApiError:
    """The exception for an error response, with its body read as the spec declares it."""
    status = str(response.status_code)
    for key in (status, status[0] + "XX", "default"):
        if key in bodies:
            body = _error_body(response, bodies[key])
            break
    else:
        body = None
    kind = error_class(response.status_code)
    if kind is UnexpectedResponse:  # not an error status, and not one the spec declares
        reason = f"HTTP {response.status_code} is not a status the spec declares for it"
        return UnexpectedResponse(
            operation,
            response,
            body,
            request_id_header=request_id_header,
            reason=reason,
        )
    return kind(operation, response, body, request_id_header=request_id_header)


def _error_body(
    response: httpx.Response, parse: Callable[[Any], object] | None
) -> object:
    """The declared error body, or None when the server sent something else (an HTML page)."""
    try:
        data = response.json()
        return data if parse is None else parse(data)
    except (AttributeError, KeyError, TypeError, ValueError, RecursionError):
        return None


def json_data(response: httpx.Response) -> Any:
    return response.json()


def _escaped(value: object) -> str:
    """One value in a path: percent-encoded, ``.`` and ``..`` too (URL normalisation would
    otherwise take them as the folder and its parent)."""
    text = quote(to_text(value), safe="")
    return text.replace(".", "%2E") if text in (".", "..") else text


def _simple(value: object, explode: bool) -> str:
    """The simple style: an object as ``k,v,k2,v2``, or ``k=v,k2=v2`` exploded."""
    value = to_wire(value)
    if isinstance(value, dict) and explode:
        return ",".join(f"{key}={to_text(item)}" for key, item in value.items())
    return to_text(value)


def _finite(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list | tuple):
        return all(_finite(item) for item in value)
    if isinstance(value, dict):
        return all(_finite(item) for item in value.values())
    return True


def to_wire(value: object) -> object:
    """An argument as JSON has it: enums by value, dates in RFC 3339."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_wire(item) for item in value]
    if isinstance(value, dict):
        return {key: to_wire(item) for key, item in value.items()}
    return value


def to_text(value: object) -> str:
    """A parameter value as text: JSON's spelling of booleans, lists joined by commas."""
    value = to_wire(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(to_text(item) for item in value)
    if isinstance(value, dict):
        return ",".join(f"{key},{to_text(item)}" for key, item in value.items())
    return str(value)


def form_encode(data: object) -> str:
    """A form body: each property a field, a list of scalars as repeated fields, nested
    objects and lists of objects in brackets (``metadata[key]``, ``items[0][price]``).
    """
    if not isinstance(data, dict):
        raise TypeError(f"a form body must be an object, not {type(data).__name__}")
    pairs: list[tuple[str, str | int | float | bool | None]] = []
    for key, value in data.items():
        if isinstance(value, list) and not any(
            isinstance(i, dict | list) for i in value
        ):
            pairs += [(str(key), to_text(item)) for item in value]
        else:
            pairs += _deep(str(key), value)
    return urlencode(pairs)


def _deep(
    name: str, value: object
) -> list[tuple[str, str | int | float | bool | None]]:
    """``name[key]=value`` pairs for an object, ``name[0]...`` for a list, to any depth."""
    if isinstance(value, dict):
        return [
            pair
            for key, item in value.items()
            for pair in _deep(f"{name}[{key}]", item)
        ]
    if isinstance(value, list):
        return [
            pair for i, item in enumerate(value) for pair in _deep(f"{name}[{i}]", item)
        ]
    return [(name, to_text(value))]


def present(**values: object) -> dict[str, object]:
    """The arguments the caller gave (not None), as JSON values, for the parameter validator."""
    return {name: to_wire(value) for name, value in values.items() if value is not None}


def new_retry_token() -> str:
    """32 URL-safe random characters."""
    return secrets.token_urlsafe(24)


def new_request_id() -> str:
    return uuid.uuid4().hex.upper()


def _under(prefix: str, error: ValidationError) -> ValidationError:
    return ValidationError(prefix + error.pointer, error.keyword, error.message)


def _json_default(value: object) -> object:
    converted = to_wire(value)
    if converted is value:
        raise TypeError(f"{type(value).__name__} is not JSON")
    return converted


def parse_header(value: str | None, parse: Callable[[str], T]) -> T | None:
    """A declared response header as its schema's type; None when absent or unreadable."""
    if value is None:
        return None
    try:
        return parse(value.strip())
    except ValueError:
        return None


def parse_bool(value: str) -> bool:
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValueError(f"not a boolean: {value!r}")
