"""What the client raises.

- ``ApiError`` (and a subclass per status): the server answered with an error status, or with a
  body the client could not read (``UnexpectedResponse``: not the declared JSON, not UTF-8,
  nested too deep; ``ResponseTooLarge`` past the client's ``max_body_bytes``).
- ``TransportError`` (``RequestTimeout`` for a timeout): no answer came: the connection was
  refused or dropped, or the server was too slow (for one read, or for the call's deadline).
- ``InvalidRequest``: the arguments break the spec, so nothing was sent.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from datetime import timezone
from email.utils import parsedate_to_datetime

from ._extras import missing_extra

try:
    import httpx
except ImportError as error:  # installed without the client extra
    raise missing_extra(error, __name__, "client") from None

from ._validation import ValidationError, ValidationFailed


class ApiError(Exception):
    """The server answered ``operation`` with an error status.

    ``body`` is the parsed error model when the response carried the JSON the spec declares,
    else ``None``; ``text`` is the raw body either way (an error body is read up to 1 MiB; of
    one longer than that, ``text`` keeps the first 64 KiB and ``body`` is ``None``).
    ``code`` and ``message`` are the body's own fields of those names, where it has them, and
    ``title`` and ``detail`` those of an RFC 9457 problem details body
    (``application/problem+json``), which the message shows when there is no ``message``.
    ``request_id`` is the id the server echoed (``opc-request-id`` or ``x-request-id``): quote
    it when asking the provider about a call. ``attempts`` counts the calls made, retries
    included.
    """

    def __init__(
        self,
        operation: str,
        response: httpx.Response,
        body: object = None,
        *,
        request_id_header: str | None = None,
    ) -> None:
        self.operation = operation
        self.status = response.status_code
        self.headers = response.headers
        self.text = response.text
        self.body = body
        # From the body's fields; from the raw JSON when it did not fit the declared model.
        fields = body if body is not None else _json_object(self.text)
        self.code = _field(fields, "code")
        self.message = _field(fields, "message")
        # RFC 9457 problem details (application/problem+json) say it with title and detail.
        self.title = _field(fields, "title")
        self.detail = _field(fields, "detail")
        self.request_id_header = request_id_header or "opc-request-id"
        self.request_id = response.headers.get(self.request_id_header)
        self.attempts = 1
        super().__init__(self._describe())

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked the client to wait (``Retry-After``), if it asked."""
        value = self.headers.get("retry-after")
        if value is None:
            return None
        value = value.strip()
        if value.isascii() and value.isdigit():
            return float(value)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:  # "-0000": HTTP dates are UTC
            when = when.replace(tzinfo=timezone.utc)
        return max(0.0, when.timestamp() - time.time())

    def _describe(self) -> str:
        reason = self.code or ""
        said = self.message or ": ".join(t for t in (self.title, self.detail) if t)
        if said:
            reason = f"{reason}: {said}" if reason else said
        elif self.body is None and self.text:
            reason = repr(self.text[:200])
        text = f"{self.operation} failed with HTTP {self.status}"
        if reason:
            text += f" ({reason})"
        if self.request_id:
            text += f"; {self.request_id_header}: {self.request_id}"
        return text


class ClientError(ApiError):
    """A 4xx status: the request was refused."""


class ServerError(ApiError):
    """A 5xx status: the server failed."""


class UnexpectedResponse(ApiError):
    """A status the spec does not declare for the operation, or a body that is not what it
    declares (not JSON, or JSON that does not fit the model). ``reason`` says which, and for a
    body that does not fit, what in it broke the spec (the decoder's message)."""

    def __init__(
        self,
        operation: str,
        response: httpx.Response,
        body: object = None,
        *,
        request_id_header: str | None = None,
        reason: str | None = None,
    ) -> None:
        self.reason = reason
        super().__init__(operation, response, body, request_id_header=request_id_header)

    def _describe(self) -> str:
        text = super()._describe()
        return f"{text}: {self.reason}" if self.reason else text


class ResponseTooLarge(UnexpectedResponse):
    """A success whose body passed the client's ``max_body_bytes`` (decoded): reading stopped
    there. ``text`` keeps the body's start; ``limit`` is the bound."""

    def __init__(self, operation: str, response: httpx.Response, limit: int) -> None:
        self.limit = limit
        super().__init__(operation, response)

    def _describe(self) -> str:
        return (
            f"{self.operation}: the HTTP {self.status} body is larger than "
            f"max_body_bytes ({self.limit} bytes); reading stopped there"
        )


class BadRequestError(ClientError):
    """HTTP 400: Bad Request."""


class UnauthorizedError(ClientError):
    """HTTP 401: Unauthorized."""


class PaymentRequiredError(ClientError):
    """HTTP 402: Payment Required."""


class ForbiddenError(ClientError):
    """HTTP 403: Forbidden."""


class NotFoundError(ClientError):
    """HTTP 404: Not Found."""


class MethodNotAllowedError(ClientError):
    """HTTP 405: Method Not Allowed."""


class NotAcceptableError(ClientError):
    """HTTP 406: Not Acceptable."""


class ProxyAuthenticationRequiredError(ClientError):
    """HTTP 407: Proxy Authentication Required."""


class RequestTimeoutError(ClientError):
    """HTTP 408: Request Timeout."""


class ConflictError(ClientError):
    """HTTP 409: Conflict."""


class GoneError(ClientError):
    """HTTP 410: Gone."""


class LengthRequiredError(ClientError):
    """HTTP 411: Length Required."""


class PreconditionFailedError(ClientError):
    """HTTP 412: Precondition Failed."""


class ContentTooLargeError(ClientError):
    """HTTP 413: Content Too Large."""


class UriTooLongError(ClientError):
    """HTTP 414: URI Too Long."""


class UnsupportedMediaTypeError(ClientError):
    """HTTP 415: Unsupported Media Type."""


class RangeNotSatisfiableError(ClientError):
    """HTTP 416: Range Not Satisfiable."""


class ExpectationFailedError(ClientError):
    """HTTP 417: Expectation Failed."""


class MisdirectedRequestError(ClientError):
    """HTTP 421: Misdirected Request."""


class UnprocessableContentError(ClientError):
    """HTTP 422: Unprocessable Content."""


class LockedError(ClientError):
    """HTTP 423: Locked."""


class FailedDependencyError(ClientError):
    """HTTP 424: Failed Dependency."""


class TooEarlyError(ClientError):
    """HTTP 425: Too Early."""


class UpgradeRequiredError(ClientError):
    """HTTP 426: Upgrade Required."""


class PreconditionRequiredError(ClientError):
    """HTTP 428: Precondition Required."""


class TooManyRequestsError(ClientError):
    """HTTP 429: Too Many Requests."""


class RequestHeaderFieldsTooLargeError(ClientError):
    """HTTP 431: Request Header Fields Too Large."""


class UnavailableForLegalReasonsError(ClientError):
    """HTTP 451: Unavailable For Legal Reasons."""


class InternalServerError(ServerError):
    """HTTP 500: Internal Server Error."""


class HttpNotImplementedError(ServerError):
    """HTTP 501: Not Implemented."""


class BadGatewayError(ServerError):
    """HTTP 502: Bad Gateway."""


class ServiceUnavailableError(ServerError):
    """HTTP 503: Service Unavailable."""


class GatewayTimeoutError(ServerError):
    """HTTP 504: Gateway Timeout."""


class HttpVersionNotSupportedError(ServerError):
    """HTTP 505: HTTP Version Not Supported."""


class VariantAlsoNegotiatesError(ServerError):
    """HTTP 506: Variant Also Negotiates."""


class InsufficientStorageError(ServerError):
    """HTTP 507: Insufficient Storage."""


class LoopDetectedError(ServerError):
    """HTTP 508: Loop Detected."""


class NotExtendedError(ServerError):
    """HTTP 510: Not Extended."""


class NetworkAuthenticationRequiredError(ServerError):
    """HTTP 511: Network Authentication Required."""


STATUS_ERRORS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    402: PaymentRequiredError,
    403: ForbiddenError,
    404: NotFoundError,
    405: MethodNotAllowedError,
    406: NotAcceptableError,
    407: ProxyAuthenticationRequiredError,
    408: RequestTimeoutError,
    409: ConflictError,
    410: GoneError,
    411: LengthRequiredError,
    412: PreconditionFailedError,
    413: ContentTooLargeError,
    414: UriTooLongError,
    415: UnsupportedMediaTypeError,
    416: RangeNotSatisfiableError,
    417: ExpectationFailedError,
    421: MisdirectedRequestError,
    422: UnprocessableContentError,
    423: LockedError,
    424: FailedDependencyError,
    425: TooEarlyError,
    426: UpgradeRequiredError,
    428: PreconditionRequiredError,
    429: TooManyRequestsError,
    431: RequestHeaderFieldsTooLargeError,
    451: UnavailableForLegalReasonsError,
    500: InternalServerError,
    501: HttpNotImplementedError,
    502: BadGatewayError,
    503: ServiceUnavailableError,
    504: GatewayTimeoutError,
    505: HttpVersionNotSupportedError,
    506: VariantAlsoNegotiatesError,
    507: InsufficientStorageError,
    508: LoopDetectedError,
    510: NotExtendedError,
    511: NetworkAuthenticationRequiredError,
}


def error_class(status: int) -> type[ApiError]:
    """The exception for an error status: its own class, else the 4xx or 5xx one."""
    found = STATUS_ERRORS.get(status)
    if found is not None:
        return found
    if 400 <= status < 500:
        return ClientError
    if status >= 500:
        return ServerError
    return UnexpectedResponse


class TransportError(Exception):
    """No response came for ``operation``: the connection failed or was dropped.

    The httpx exception is the ``__cause__``; ``attempts`` counts the calls made; ``retryable``
    says whether sending again may help, ``maybe_sent`` whether the request may have reached the
    server.
    """

    def __init__(
        self,
        operation: str,
        cause: Exception,
        *,
        retryable: bool = True,
        maybe_sent: bool = True,
    ) -> None:
        self.operation = operation
        self.attempts = 1
        self.retryable = retryable  # whether sending again may help: a network failure
        self.maybe_sent = (
            maybe_sent  # False when no connection was made: nothing reached the server
        )
        super().__init__(f"{operation}: no response ({type(cause).__name__}: {cause})")


class RequestTimeout(TransportError):
    """The server did not answer in time (connecting, sending or reading)."""


class InvalidRequest(ValidationFailed):
    """The arguments of ``operation`` break the spec; nothing was sent.

    ``errors`` lists every problem: the body's under ``/body``, each parameter's under
    ``/parameters/<name>``.
    """

    def __init__(self, operation: str, errors: Sequence[ValidationError]) -> None:
        self.operation = operation
        super().__init__(f"the {operation} request", errors)


def _field(body: object, name: str) -> str | None:
    value = body.get(name) if isinstance(body, dict) else getattr(body, name, None)
    return value if isinstance(value, str) else None


def _json_object(text: str) -> dict[str, object] | None:
    try:
        data = json.loads(text)
    # Not JSON, or JSON nested deeper than Python recurses.
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None
