"""What the generated clients put on the wire and how they read what comes back, through
``httpx.MockTransport``: parameter styles, path segments, header merging, bodies, the response
shapes of the ``client`` golden case, and the failures that must not escape as raw exceptions."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.client.servers import ROOT
from tests.conftest import generated_packages

sys.path.insert(0, str(ROOT / "generated"))

from oci_core import errors as seed_errors  # noqa: E402
from oci_core.client import Client as SeedClient  # noqa: E402
from oci_core.client import _transport  # noqa: E402
from oci_core.retry import RetryPolicy  # noqa: E402

CASE = ROOT / "tests" / "golden" / "cases" / "client" / "spec.yaml"
Answer = Callable[[httpx.Request], httpx.Response]


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The golden ``client`` case, generated and imported as ``shapes``."""
    with generated_packages(tmp_path_factory.mktemp("shapes"), {"shapes": CASE}) as load:
        for module in ("client", "errors", "models", "retry"):
            load(f"shapes.{module}")
        yield load("shapes")


class Recorder:
    """A mock transport that answers with ``answer`` and keeps every request."""

    def __init__(self, answer: Answer) -> None:
        self.sent: list[httpx.Request] = []
        self.answer = answer

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        return self.answer(request)

    def http(self, **options: Any) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self), **options)


def reply(status: int, body: object = None, **headers: str) -> Answer:
    def answer(request: httpx.Request) -> httpx.Response:
        if body is None:
            return httpx.Response(status, headers=headers)
        if isinstance(body, str):
            return httpx.Response(status, text=body, headers=headers)
        return httpx.Response(status, json=body, headers=headers)

    return answer


def shapes_client(shapes: ModuleType, recorder: Recorder, **options: Any) -> Any:
    return shapes.client.Client(
        "https://api.example.com/v1", http_client=recorder.http(), **options
    )


def test_query_parameters_follow_style_and_explode(shapes: ModuleType) -> None:
    recorder = Recorder(reply(200, {"id": 1}))
    shapes_client(shapes, recorder).get_part(
        "t/x",
        3,
        order="ASC",
        fields=["a", "b"],
        tags=["x", "y"],
        since=datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
        filter={"state": "new", "size": "big"},
        ids=[1, 2],
    )
    (sent,) = recorder.sent
    assert sent.url.raw_path.decode().split("?")[0] == "/v1/things/t%2Fx/parts/3"
    assert sent.url.params.multi_items() == [
        ("fields", "a"),
        ("fields", "b"),
        ("tags", "x,y"),
        ("since", "2026-01-02T03:04:05+00:00"),
        ("order", "ASC"),
        ("filter[state]", "new"),
        ("filter[size]", "big"),
        ("ids", "1|2"),
    ]


@pytest.mark.parametrize(("value", "segment"), [(".", "%2E"), ("..", "%2E%2E"), ("a.b", "a.b")])
def test_dot_segments_stay_path_parameters(shapes: ModuleType, value: str, segment: str) -> None:
    recorder = Recorder(reply(200, {"id": 1}))
    shapes_client(shapes, recorder).get_part(value, 3, order="ASC")
    assert recorder.sent[0].url.raw_path.decode() == f"/v1/things/{segment}/parts/3?order=ASC"


def test_headers_merge_whatever_their_case(shapes: ModuleType) -> None:
    recorder = Recorder(reply(200, {"id": 1}))
    client = shapes_client(shapes, recorder, headers={"IF-NONE-MATCH": "client", "X-Team": "a"})
    client.get_part("t", 3, order="ASC", if_none_match="call", session="s s")
    (sent,) = recorder.sent
    assert sent.headers.get_list("if-none-match") == ["call"]
    assert sent.headers["x-team"] == "a" and sent.headers["cookie"] == "session=s%20s"


def test_a_bad_argument_is_refused_before_sending(shapes: ModuleType) -> None:
    recorder = Recorder(reply(200, {"id": 1}))
    client = shapes_client(shapes, recorder)
    with pytest.raises(shapes.errors.InvalidRequest) as raised:
        client.get_part("t", 3, order="SIDEWAYS", since=datetime(2026, 1, 1))
    assert [(e.pointer, e.keyword) for e in raised.value.errors] == [
        ("/parameters/since", "format"),  # a naive datetime is no RFC 3339 date-time
        ("/parameters/order", "enum"),
    ]
    with pytest.raises(shapes.errors.InvalidRequest) as raised:
        client.put_part("t", 3, {"weight": "heavy"})  # an inline body schema, checked too
    assert [(e.pointer, e.keyword) for e in raised.value.errors] == [
        ("/body", "required"),
        ("/body/weight", "type"),
    ]
    assert recorder.sent == []


def test_response_shapes(shapes: ModuleType) -> None:
    models = shapes.models
    cases: list[tuple[Answer, Callable[[Any], Any], object]] = [
        (
            reply(200, {"id": 7}, **{"X-Count": "4", "X-Partial": "true", "ETag": "e"}),
            lambda c: c.get_part("t", 3, order="ASC"),
            models.Part(id=7),
        ),
        (reply(304), lambda c: c.get_part("t", 3, order="ASC"), None),
        (
            reply(202, {"stored": True}),
            lambda c: c.put_part("t", 3),
            models.PutPartResponse(stored=True),
        ),
        (reply(201, "noted"), lambda c: c.post_notes({"text": "hi"}), "noted"),
        (reply(204), lambda c: c.post_notes({"text": "hi"}), None),
        (reply(200, {"code": "ok"}), lambda c: c.ping(), models.Problem(code="ok")),
    ]
    for answer, call, data in cases:
        result = call(shapes_client(shapes, Recorder(answer)))
        assert result.data == data
    result = shapes_client(shapes, Recorder(cases[0][0])).get_part("t", 3, order="ASC")
    assert (result.e_tag, result.x_count, result.x_partial) == ("e", 4, True)


def test_error_shapes(shapes: ModuleType) -> None:
    errors = shapes.errors
    client = shapes_client(shapes, Recorder(reply(404, {"code": "Gone", "message": "no part"})))
    with pytest.raises(errors.NotFoundError) as not_found:
        client.get_part("t", 3, order="ASC")
    assert not_found.value.body == shapes.models.Problem(code="Gone", message="no part")
    client = shapes_client(shapes, Recorder(reply(500, "disk on fire")))
    with pytest.raises(errors.InternalServerError) as failed:
        client.get_part("t", 3, order="ASC")  # default: text/plain, so no model
    assert (failed.value.body, failed.value.text) == (None, "disk on fire")
    client = shapes_client(shapes, Recorder(reply(503, {"code": "Down"})))
    with pytest.raises(errors.ServiceUnavailableError):
        client.ping()  # a default-only operation still fails on an error status


def test_form_bodies(shapes: ModuleType) -> None:
    recorder = Recorder(reply(204))
    shapes_client(shapes, recorder).post_notes(shapes.models.Note(text="hi there", tags=["a", "b"]))
    (sent,) = recorder.sent
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
    assert sent.content == b"text=hi+there&tags=a&tags=b"
    nested = {"metadata": {"k": "v"}, "items": [{"price": 1}], "on": True}
    assert _transport.form_encode(nested) == "metadata%5Bk%5D=v&items%5B0%5D%5Bprice%5D=1&on=true"


def seed(answer: Answer, **options: Any) -> SeedClient:
    return SeedClient("https://iaas.example.com", http_client=Recorder(answer).http(), **options)


def test_what_json_cannot_carry_is_an_invalid_request() -> None:
    client = seed(reply(200, {}))
    details = {"volumeId": "ocid1.volume.oc1..a", "freeformTags": {"x": float("nan")}}
    with pytest.raises(seed_errors.InvalidRequest) as raised:
        client.create_volume_backup(details)
    assert ("/body", "type") in [(e.pointer, e.keyword) for e in raised.value.errors]


def test_a_header_value_must_be_ascii() -> None:
    with pytest.raises(seed_errors.InvalidRequest) as raised:
        seed(reply(200, {})).create_volume_backup(
            {"volumeId": "ocid1.volume.oc1..a"}, opc_retry_token="café"
        )
    assert [e.pointer for e in raised.value.errors] == ["/parameters/opc-retry-token"]


def test_a_body_httpx_cannot_decode_is_a_final_transport_error() -> None:
    def garbled(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"not gzip", headers={"content-encoding": "gzip"})

    answers = Recorder(garbled)
    client = SeedClient(
        "https://iaas.example.com",
        http_client=answers.http(),
        retry=RetryPolicy(sleep=lambda s: None),
    )
    with pytest.raises(seed_errors.TransportError) as raised:
        client.create_volume_backup({"volumeId": "ocid1.volume.oc1..a"})
    assert isinstance(raised.value.__cause__, httpx.DecodingError)
    assert not raised.value.retryable and len(answers.sent) == 1


def test_a_url_httpx_cannot_use_is_not_retried() -> None:
    waits: list[float] = []
    client = SeedClient("localhost:8080", retry=RetryPolicy(sleep=waits.append))
    with pytest.raises(seed_errors.TransportError) as raised:
        client.create_volume_backup({"volumeId": "ocid1.volume.oc1..a"})
    assert isinstance(raised.value.__cause__, httpx.UnsupportedProtocol)
    assert raised.value.attempts == 1 and waits == []


def test_a_conflict_body_that_breaks_the_model_still_names_its_code() -> None:
    backup = {
        "compartmentId": "ocid1.compartment.oc1..a",
        "displayName": "nightly",
        "id": "ocid1.volumebackup.oc1..b",
        "lifecycleState": "CREATING",
        "timeCreated": "2026-11-26T10:00:00Z",
        "type": "FULL",
    }
    bodies = iter([{"code": "IncorrectState"}, backup])
    sent = Recorder(
        lambda request: httpx.Response(409 if len(sent.sent) == 1 else 200, json=next(bodies))
    )
    waits: list[float] = []
    client = SeedClient(
        "https://iaas.example.com", http_client=sent.http(), retry=RetryPolicy(sleep=waits.append)
    )
    result = client.create_volume_backup({"volumeId": "ocid1.volume.oc1..a"})
    assert result.status_code == 200 and len(sent.sent) == 2 and len(waits) == 1


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("7", 7.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # a date in the past: no wait
        ("Wed, 21 Oct 2015 07:28:00 -0000", 0.0),  # "-0000" parses naive: read as UTC
        ("soon", None),
        ("", None),
        ("²", None),  # a digit to str.isdigit, not to float()
        ("١٢", None),
    ],
)
def test_retry_after_values(value: str, seconds: float | None) -> None:
    response = httpx.Response(503, headers=[(b"retry-after", value.encode())])
    assert seed_errors.ServiceUnavailableError("Op", response).retry_after == seconds


def _script(*steps: Answer | Exception) -> Recorder:
    """Answers in turn; an exception is raised as the transport's failure."""
    queue = list(steps)

    def answer(request: httpx.Request) -> httpx.Response:
        step = queue.pop(0)
        if isinstance(step, Exception):
            raise step
        return step(request)

    return Recorder(answer)


@pytest.mark.parametrize(
    ("first", "retried"),
    [
        (reply(503, {"code": "Down"}), False),  # the server may have stored the note
        (httpx.ReadTimeout("slow"), False),  # so may a server that answered too late
        (reply(429, {"code": "TooMany"}), True),  # refused: nothing was done
        (httpx.ConnectError("refused"), True),  # never reached the server
    ],
)
def test_a_post_without_a_retry_token_is_retried_only_when_nothing_was_done(
    shapes: ModuleType, first: Answer | Exception, retried: bool
) -> None:
    recorder = _script(first, reply(201, "noted"))
    policy = shapes.retry.RetryPolicy(sleep=lambda seconds: None)
    client = shapes_client(shapes, recorder, retry=policy)
    if retried:
        assert client.post_notes({"text": "hi"}).data == "noted"
    else:
        with pytest.raises((shapes.errors.ApiError, shapes.errors.TransportError)):
            client.post_notes({"text": "hi"})
    assert len(recorder.sent) == (2 if retried else 1)


def test_a_put_is_retried_after_a_server_error(shapes: ModuleType) -> None:
    recorder = _script(reply(503, {"code": "Down"}), reply(202, {"stored": True}))
    policy = shapes.retry.RetryPolicy(sleep=lambda seconds: None)
    assert shapes_client(shapes, recorder, retry=policy).put_part("t", 3).status_code == 202
    assert len(recorder.sent) == 2


def test_path_and_header_styles(shapes: ModuleType) -> None:
    recorder = Recorder(reply(204))
    client = shapes_client(shapes, recorder)
    client.get_cells({"x": 1, "y": 2}, ["a b", "c"], x_meta={"k": "v", "n": "2"})
    (sent,) = recorder.sent
    assert sent.url.raw_path.decode() == "/v1/cells/;x=1;y=2/.a%20b,c"
    assert sent.headers["x-meta"] == "k=v,n=2"


def test_client_and_call_cookies_are_both_sent(shapes: ModuleType) -> None:
    recorder = Recorder(reply(200, {"id": 1}))
    client = shapes_client(shapes, recorder, headers={"Cookie": "c=1"})
    client.get_part("t", 3, order="ASC", session="s")
    assert recorder.sent[0].headers["cookie"] == "c=1; session=s"


def test_a_number_no_url_can_carry_is_refused(shapes: ModuleType) -> None:
    recorder = Recorder(reply(200, {"id": 1}))
    with pytest.raises(shapes.errors.InvalidRequest) as raised:
        shapes_client(shapes, recorder).get_part("t", 3, order="ASC", ids=[float("inf")])
    assert ("/parameters/ids", "type") in [(e.pointer, e.keyword) for e in raised.value.errors]
    assert recorder.sent == []


@pytest.mark.parametrize(
    ("send", "name"),
    [
        (lambda client: client.get_part("", 3, order="ASC"), "thingId"),
        (lambda client: client.get_cells({"x": 1}, []), "ids"),
        (lambda client: client.get_cells({"x": 1}, [""]), "ids"),
    ],
)
def test_an_empty_path_parameter_is_refused_before_sending(
    shapes: ModuleType, send: Callable[[Any], object], name: str
) -> None:
    """``/things//parts/3`` (or ``/things/`` for a last segment) names another resource."""
    recorder = Recorder(reply(200, {"id": 1}))
    with pytest.raises(shapes.errors.InvalidRequest) as raised:
        send(shapes_client(shapes, recorder))
    assert [(e.pointer, e.keyword, e.message) for e in raised.value.errors] == [
        (f"/parameters/{name}", "minLength", "a path parameter must not be empty")
    ]
    assert recorder.sent == []


@pytest.mark.parametrize(
    ("value", "segment"), [("../x", "..%2Fx"), ("a/../../b", "a%2F..%2F..%2Fb")]
)
def test_a_slash_in_a_path_parameter_cannot_climb(
    shapes: ModuleType, value: str, segment: str
) -> None:
    recorder = Recorder(reply(200, {"id": 1}))
    shapes_client(shapes, recorder).get_part(value, 3, order="ASC")
    assert recorder.sent[0].url.raw_path.decode() == f"/v1/things/{segment}/parts/3?order=ASC"


def test_a_label_that_would_be_a_dot_segment_is_encoded() -> None:
    request = _transport.Request("Op", "GET")
    assert request.segment("ids", ["", ""], style="label", explode=True) == "%2E%2E"
    assert request.segment("ids", ["a", ""], style="label", explode=True) == ".a."
    assert request.errors == []
