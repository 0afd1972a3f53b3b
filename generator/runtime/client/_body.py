"""A response body read within a bound, whatever the server sends.

The body is decoded here, not by httpx, so that the bound applies to the decoded bytes: a
gzip bomb stops at the limit with at most one read's worth of input inflated, since zlib is
asked for no more output than there is room for. Only the codings the client asks for
(``ACCEPT_ENCODING``) are read; another one fails as an ``httpx.DecodingError``, as a body
httpx cannot decode always has.
"""

from __future__ import annotations

import zlib

import httpx

# What the client asks for: the codings it can inflate within a bound (zlib's, not brotli's).
ACCEPT_ENCODING = "gzip, deflate"
_WINDOWS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16}


class BodyReader:
    """Collects at most ``limit`` decoded bytes of a body fed in raw chunks; ``too_large``
    once the body has more."""

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        self.limit = limit
        self.too_large = False
        self._chunks: list[bytes] = []
        self._size = 0
        codings = [
            coding
            for coding in (
                c.strip().lower() for c in (content_encoding or "").split(",")
            )
            if coding and coding != "identity"
        ]
        if len(codings) > 1 or (codings and codings[0] not in ("deflate", *_WINDOWS)):
            raise httpx.DecodingError(
                f"content-encoding {content_encoding!r} is not one this client reads "
                f"({ACCEPT_ENCODING})"
            )
        self._coding = codings[0] if codings else None
        self._inflater = _inflater(self._coding)

    def feed(self, raw: bytes) -> bool:
        """Add a chunk as it came off the wire; False once the limit is passed."""
        if self._inflater is None:
            self._add(raw)
            return not self.too_large
        data = raw
        try:
            while data and not self.too_large and not self._inflater.eof:
                room = self.limit + 1 - self._size
                self._add(self._inflater.decompress(data, room))
                data = self._inflater.unconsumed_tail
        except zlib.error as error:
            if self._coding != "deflate" or self._size or self._chunks:
                raise httpx.DecodingError(f"{self._coding} body: {error}") from error
            # "deflate" is often sent without the zlib header that names it; read it raw.
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            self._coding = "raw deflate"
            return self.feed(raw)
        return not self.too_large

    def feed_decoded(self, content: bytes) -> None:
        """A body httpx has read already (a transport that returns a finished response)."""
        self._add(content)

    def content(self) -> bytes:
        """What was read: the whole body, or its first ``limit`` bytes when ``too_large``."""
        if self._inflater is not None and not self.too_large:
            try:
                self._add(self._inflater.flush())
            except zlib.error as error:
                raise httpx.DecodingError(f"{self._coding} body: {error}") from error
        return b"".join(self._chunks)

    def _add(self, chunk: bytes) -> None:
        room = self.limit - self._size
        if len(chunk) > room:
            self.too_large = True
            chunk = chunk[: max(room, 0)]
        self._chunks.append(chunk)
        self._size += len(chunk)


def _inflater(coding: str | None) -> zlib._Decompress | None:
    if coding is None:
        return None
    return zlib.decompressobj(_WINDOWS.get(coding, zlib.MAX_WBITS))


def read_already(response: httpx.Response) -> bytes | None:
    """The body when httpx has read it already (a mock transport's response), else None."""
    try:
        return response.content
    except httpx.ResponseNotRead:
        return None


def finished(response: httpx.Response, content: bytes) -> httpx.Response:
    """``response`` with ``content`` as its body, already decoded: the headers without the
    ``content-encoding`` the body no longer has, so that httpx does not decode it again.
    """
    headers = httpx.Headers(response.headers)
    headers.pop("content-encoding", None)
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=content,
        request=response.request,
        extensions=response.extensions,
    )
