"""``_payloads.decode_payload``: JSON text parsed strictly, decoded values passed through."""

from __future__ import annotations

import pytest

from generator.runtime._payloads import decode_payload
from generator.runtime._validation import ValidationFailed


def test_a_decoded_value_is_the_body_itself() -> None:
    body = {"a": [1]}
    assert decode_payload(body, "the x webhook") is body
    assert decode_payload(None, "the x webhook") is None


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_bytes_in_any_encoding_json_allows_are_parsed(encoding: str) -> None:
    assert decode_payload('{"é": 1.5}'.encode(encoding), "w") == {"é": 1.5}
    assert decode_payload(bytearray(b"[true]"), "w") == [True]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{", "the body is not JSON: Expecting property name enclosed in double quotes"),
        ("[NaN]", "the body is not JSON: NaN is not a JSON value"),
        (b"\xff", "the body is not JSON: 'utf-8' codec can't decode byte 0xff"),
        ("[" * 100_000, "the body nests too deeply to be read"),
    ],
)
def test_text_that_is_not_json_fails_like_a_broken_rule(body: str | bytes, message: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        decode_payload(body, "the order.created webhook")
    assert str(raised.value).startswith("1 problem with the order.created webhook:\n  (root): ")
    (error,) = raised.value.errors
    assert (error.pointer, error.keyword) == ("", "json")
    assert error.message.startswith(message)
