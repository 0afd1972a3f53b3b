"""The client's exceptions (``errors.py``): a class per RFC 9110 error status, named by one rule,
and ``error_class`` falling back to the 4xx or 5xx class for the rest."""

from __future__ import annotations

import builtins
import inspect

import httpx
import pytest

from generator.naming import words
from generator.runtime import errors
from generator.runtime.errors import (
    STATUS_ERRORS,
    ClientError,
    ServerError,
    UnexpectedResponse,
    error_class,
)

# RFC 9110, section 15, written out: http.HTTPStatus renamed 413, 414, 416 and 422 in 3.13.
RFC_9110_PHRASES = {
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    407: "Proxy Authentication Required",
    408: "Request Timeout",
    409: "Conflict",
    410: "Gone",
    411: "Length Required",
    412: "Precondition Failed",
    413: "Content Too Large",
    414: "URI Too Long",
    415: "Unsupported Media Type",
    416: "Range Not Satisfiable",
    417: "Expectation Failed",
    421: "Misdirected Request",
    422: "Unprocessable Content",
    423: "Locked",
    424: "Failed Dependency",
    425: "Too Early",
    426: "Upgrade Required",
    428: "Precondition Required",
    429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    451: "Unavailable For Legal Reasons",
    500: "Internal Server Error",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
    505: "HTTP Version Not Supported",
    506: "Variant Also Negotiates",
    507: "Insufficient Storage",
    508: "Loop Detected",
    510: "Not Extended",
    511: "Network Authentication Required",
}


def _class_name(phrase: str) -> str:
    """The phrase's words in PascalCase, ending in ``Error``; ``Http`` first for a builtin."""
    name = "".join(w[:1].upper() + w[1:].lower() for w in words(phrase))
    name = name if name.endswith("Error") else name + "Error"
    return "Http" + name if hasattr(builtins, name) else name


def test_every_rfc_9110_error_status_has_its_class_in_status_order() -> None:
    assert list(STATUS_ERRORS) == list(RFC_9110_PHRASES)
    defined = [
        value
        for value in vars(errors).values()
        if inspect.isclass(value) and value in STATUS_ERRORS.values()
    ]
    assert defined == list(STATUS_ERRORS.values())


@pytest.mark.parametrize(("status", "phrase"), RFC_9110_PHRASES.items())
def test_each_class_is_named_documented_and_based_by_the_rule(status: int, phrase: str) -> None:
    cls = STATUS_ERRORS[status]
    assert cls.__name__ == _class_name(phrase)
    assert cls.__doc__ == f"HTTP {status}: {phrase}."
    assert cls.__bases__ == ((ClientError,) if status < 500 else (ServerError,))
    assert getattr(errors, cls.__name__) is cls


def test_the_rule_on_the_names_that_need_it() -> None:
    assert STATUS_ERRORS[500].__name__ == "InternalServerError"  # no "ErrorError"
    assert STATUS_ERRORS[501].__name__ == "HttpNotImplementedError"  # a builtin's name
    assert STATUS_ERRORS[505].__name__ == "HttpVersionNotSupportedError"
    assert STATUS_ERRORS[414].__name__ == "UriTooLongError"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (404, errors.NotFoundError),
        (429, errors.TooManyRequestsError),
        (501, errors.HttpNotImplementedError),
        (420, ClientError),  # outside the table: the 4xx class
        (499, ClientError),
        (599, ServerError),
        (600, ServerError),
        (302, UnexpectedResponse),  # not an error status at all
        (200, UnexpectedResponse),
    ],
)
def test_error_class(status: int, expected: type[errors.ApiError]) -> None:
    assert error_class(status) is expected


def test_an_api_error_reads_code_message_and_request_id() -> None:
    response = httpx.Response(
        404,
        headers={"opc-request-id": "req-1"},
        json={"code": "NotAuthorizedOrNotFound", "message": "no such volume"},
    )
    error = error_class(404)("GetVolume", response)
    assert (error.status, error.code, error.message, error.request_id) == (
        404,
        "NotAuthorizedOrNotFound",
        "no such volume",
        "req-1",
    )
    assert str(error) == (
        "GetVolume failed with HTTP 404 (NotAuthorizedOrNotFound: no such volume); "
        "opc-request-id: req-1"
    )
