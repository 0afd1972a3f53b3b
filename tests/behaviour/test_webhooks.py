"""The receiving side: ``webhooks.parse_<name>(body)`` on the golden cases' webhooks (3.1, no
paths) and callbacks (3.0), with valid and invalid payloads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import generate_package

CASES = Path(__file__).resolve().parents[1] / "golden" / "cases"
WARNINGS = Path(__file__).resolve().parents[1] / "warnings" / "cases"
ORDER = {"id": "o-1", "total": 12.5, "status": "paid", "placedAt": "2026-03-04T05:06:07Z"}


@pytest.fixture
def shop(tmp_path: Path, import_generated: Any) -> Any:
    generate_package(CASES / "webhooks" / "spec.yaml", "shop", tmp_path)
    return import_generated(tmp_path, "shop", "webhooks")


@pytest.fixture
def reports(tmp_path: Path, import_generated: Any) -> Any:
    generate_package(CASES / "callbacks" / "spec.yaml", "reports", tmp_path)
    return import_generated(tmp_path, "reports", "webhooks")


def _failure(parse: Any, body: object) -> list[tuple[str, str]]:
    """The (pointer, keyword) of every error ``parse`` raises for ``body``."""
    with pytest.raises(ValueError) as raised:
        parse(body)
    assert type(raised.value).__name__ == "ValidationFailed"
    return [(e.pointer, e.keyword) for e in raised.value.errors]


def test_a_named_body_parses_from_bytes_text_or_a_decoded_dict(shop: Any) -> None:
    for body in (json.dumps(ORDER).encode(), json.dumps(ORDER), dict(ORDER)):
        order = shop.parse_order_created(body)
        assert type(order).__name__ == "Order"
        assert order.id == "o-1"  # readOnly: the API sends it, so it is expected
        assert order.placed_at == datetime(2026, 3, 4, 5, 6, 7, tzinfo=timezone.utc)
        assert order.to_dict() == ORDER
    assert shop.parse_order_created(json.dumps(ORDER).encode("utf-16")).id == "o-1"


def test_an_invalid_body_raises_every_error_at_once(shop: Any) -> None:
    body = {"total": -1, "status": "lost", "note": "n" * 21}
    assert _failure(shop.parse_order_created, body) == [
        ("", "required"),
        ("/total", "minimum"),
        ("/status", "enum"),
        ("/note", "maxLength"),
    ]
    with pytest.raises(ValueError, match=r"4 problems with the order\.created webhook"):
        shop.parse_order_created(body)


@pytest.mark.parametrize(
    "text", ["", "{", "NaN", '{"total": Infinity}', b"\xff\xfe\xfd", "[" * 100_000]
)
def test_text_that_is_not_json_is_a_validation_failure(shop: Any, text: str | bytes) -> None:
    assert _failure(shop.parse_order_created, text) == [("", "json")]


def test_an_inline_body_has_its_own_model_and_validator(shop: Any, import_generated: Any) -> None:
    body = {"orderId": "3f2b9c1e-8d4a-4e2f-9b6a-1c2d3e4f5a6b", "reason": "fraud", "refund": None}
    cancelled = shop.parse_order_cancelled(body)
    assert type(cancelled).__name__ == "OrderCancelledPayload"
    assert cancelled.reason.value == "fraud" and cancelled.refund is None
    assert cancelled.to_dict() == body
    assert _failure(shop.parse_order_cancelled, {"orderId": "x", "reason": "bored"}) == [
        ("/orderId", "format"),
        ("/reason", "enum"),
    ]
    validators = sys.modules["shop.validators"]
    assert validators.validate_order_cancelled_payload(body) == []


def test_an_array_body_and_a_path_item_reference(shop: Any) -> None:
    orders = shop.parse_orders_batch(json.dumps([ORDER, ORDER]))
    assert [type(o).__name__ for o in orders] == ["Order", "Order"]
    assert _failure(shop.parse_orders_batch, []) == [("", "minItems")]
    assert _failure(shop.parse_orders_batch, [{"total": 1}]) == [
        ("/0", "required"),
        ("/0", "required"),
    ]
    assert shop.parse_stock_low('{"sku": "ABC-12", "left": 0}').left == 0
    assert _failure(shop.parse_stock_low, {"sku": "abc", "left": -1}) == [
        ("/sku", "pattern"),
        ("/left", "minimum"),
    ]


def test_a_webhooks_only_spec_makes_a_package_without_a_client_or_httpx(tmp_path: Path) -> None:
    generate_package(CASES / "webhooks" / "spec.yaml", "shop", tmp_path)
    assert not (tmp_path / "shop" / "client").exists()
    code = (
        "import sys; sys.modules['httpx'] = None\n"
        "import shop, shop.models, shop.validators, shop.webhooks\n"
        "print(sorted(shop.webhooks.__all__))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split("'")[1::2] == [
        "parse_order_cancelled",
        "parse_order_created",
        "parse_orders_batch",
        "parse_stock_low",
    ]


def test_callbacks_are_named_by_operation_id_or_by_their_operation_and_key(reports: Any) -> None:
    assert sorted(reports.__all__) == [
        "parse_create_report_report_failed",
        "parse_create_report_report_ready_post",
        "parse_create_report_report_ready_put",
        "parse_event_delivered",
    ]
    assert "{$request.body#/callbackUrl}" in (reports.parse_create_report_report_ready_put.__doc__)


def test_callback_bodies_parse_and_fail_like_webhook_bodies(reports: Any) -> None:
    report = reports.parse_create_report_report_ready_post(b'{"id": 7, "rows": 3, "url": null}')
    assert (report.id, report.rows, report.url) == (7, 3, None)
    assert _failure(reports.parse_create_report_report_ready_put, {"id": "7", "rows": -1}) == [
        ("/id", "type"),
        ("/rows", "minimum"),
    ]
    event = reports.parse_event_delivered(
        {"event": "made", "at": "2026-01-02T03:04:05+02:00", "data": {"n": 1}}
    )
    assert event.at.utcoffset().total_seconds() == 7200 and event.data_ == {"n": 1}
    assert _failure(
        reports.parse_event_delivered, {"event": "", "at": "soon", "data": {"n": 1.5}}
    ) == [
        ("/event", "minLength"),
        ("/at", "format"),
        ("/data/n", "type"),
    ]
    assert reports.parse_create_report_report_failed({"reason": "disk"}).reason == "disk"
    assert _failure(reports.parse_create_report_report_failed, {"reason": "r" * 201}) == [
        ("/reason", "maxLength")
    ]


def test_what_cannot_be_read_is_left_out_and_the_rest_parses(
    tmp_path: Path, import_generated: Any
) -> None:
    """The warnings case: every skipped webhook has its warning (checked as text there)."""
    generate_package(WARNINGS / "webhooks.yaml", "gaps", tmp_path)
    webhooks = import_generated(tmp_path, "gaps", "webhooks")
    assert sorted(webhooks.__all__) == ["parse_order_created", "parse_order_created_2"]
    assert webhooks.parse_order_created({"id": "a"}).id == "a"
    assert webhooks.parse_order_created_2({"number": 2}).number == 2
    assert _failure(webhooks.parse_order_created_2, {"id": "a"}) == [("", "required")]


def test_a_body_conversion_cannot_follow_is_reported_as_the_others_are(
    shop: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Data nested past the recursion limit can pass its validator yet not convert: the parser
    still raises ``ValidationFailed``, one ``except`` for every refused body."""
    models = sys.modules["shop.models"]
    runtime = sys.modules["shop._runtime"]

    def too_deep(data: object) -> object:
        raise runtime.DecodeError("Order", "/lines/0", "the data nests too deeply to convert")

    monkeypatch.setattr(models.Order, "from_dict", too_deep)
    assert _failure(shop.parse_order_created, ORDER) == [("/lines/0", "decode")]
    assert _failure(shop.parse_orders_batch, [ORDER]) == [("/lines/0", "decode")]
