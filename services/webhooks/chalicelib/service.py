"""Use cases of the webhooks channel over its ports: endpoints and secrets, the order
projection, outbound deliveries with retries, and inbound status updates from units."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, Protocol

from pydantic import ValidationError
from standardwebhooks import Webhook

from chalicelib.domain import events as rules
from chalicelib.domain.addresses import url_problem
from chalicelib.domain.schedule import MAX_ATTEMPTS, judge
from chalicelib.models.api import DeliveryMessage, EndpointRequest, InboundRequest, OrderEventPayload
from shared.auth import Principal, Role
from shared.errors import BadRequest, InvalidField, NotFound, Unauthorized
from shared.messaging import Envelope
from shared.observability import logger, metrics

CHINA = timezone(timedelta(hours=8))
ROTATION_GRACE = timedelta(hours=24)
NAMESPACE = uuid.UUID("5b0d7a8e-6f0f-4d3c-9a57-2f3c3c0f1d11")


class Repository(Protocol):
    def get_endpoint(self, unit: str) -> dict[str, Any] | None: ...
    def put_endpoint(self, endpoint: dict[str, Any]) -> None: ...
    def set_endpoint_status(self, unit: str, status: str, reason: str | None, at: str) -> None: ...
    def get_order(self, case_number: str) -> dict[str, Any] | None: ...
    def apply_order(self, case_number: str, fields: dict[str, Any], occurred_at: str, event_id: str) -> bool: ...
    def create_delivery(self, delivery: dict[str, Any]) -> bool: ...
    def get_delivery(self, delivery_id: str) -> dict[str, Any] | None: ...
    def record_attempt(self, delivery_id: str, attempt: dict[str, Any], status: str, next_attempt_at: str | None,
                       expected_attempts: int) -> bool: ...
    def unit_deliveries(self, unit: str, limit: int) -> list[dict[str, Any]]: ...
    def failed_deliveries(self, limit: int) -> list[dict[str, Any]]: ...
    def get_inbound(self, unit: str, webhook_id: str) -> dict[str, Any] | None: ...
    def save_inbound(self, unit: str, webhook_id: str, status: int, body: dict[str, Any], now_epoch: int) -> dict[str, Any]: ...


class AttemptResult(Protocol):
    @property
    def status_code(self) -> int | None: ...
    @property
    def retry_after(self) -> str | None: ...
    @property
    def error(self) -> str | None: ...
    @property
    def duration_ms(self) -> int: ...


class Sender(Protocol):
    def post(self, url: str, body: bytes, headers: dict[str, str]) -> AttemptResult: ...


class Queue(Protocol):
    def enqueue(self, delivery_id: str, *, delay: float = 0.0, due_at: float = 0.0) -> None: ...
    def dead_letter(self, delivery: dict[str, Any]) -> None: ...


class Commands(Protocol):
    def send(self, command: Envelope) -> None: ...


class Secrets(Protocol):
    def seal(self, secret: str) -> str: ...
    def open(self, sealed: str) -> str: ...


def iso(moment: datetime) -> str:
    return moment.astimezone(CHINA).isoformat(timespec="seconds")


def _public_endpoint(endpoint: dict[str, Any]) -> dict[str, Any]:
    return {
        "unit": endpoint["unit"],
        "url": endpoint["url"],
        "events": endpoint["events"],
        "status": endpoint.get("status", "active"),
        "status_reason": endpoint.get("status_reason"),
        "created_at": endpoint.get("created_at"),
        "updated_at": endpoint.get("updated_at"),
        "secret_rotated_at": endpoint.get("secret_rotated_at"),
    }


def _public_delivery(delivery: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": delivery["id"],
        "unit": delivery["unit"],
        "type": delivery["type"],
        "case_number": delivery.get("case_number"),
        "status": delivery["status"],
        "created_at": delivery["created_at"],
        "attempts": delivery.get("attempts", []),
        "next_attempt_at": delivery.get("next_attempt_at"),
    }


class WebhooksService:
    def __init__(self, repository: Repository, sender: Sender, queue: Queue, commands: Commands, secrets: Secrets,
                 *, new_secret: Callable[[], str], allow_local_http: bool, backoff_scale: float = 1.0,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.repo = repository
        self.sender = sender
        self.queue = queue
        self.commands = commands
        self.secrets = secrets
        self.new_secret = new_secret
        self.allow_local_http = allow_local_http
        self.backoff_scale = backoff_scale
        self.now = now

    # --- endpoints (command centre writes; the unit and the command centre read) ---------
    def _visible_endpoint(self, principal: Principal, unit: str) -> dict[str, Any]:
        endpoint = self.repo.get_endpoint(unit)
        if principal.role != Role.COMMAND_CENTRE and principal.unit != unit:
            endpoint = None  # "not yours" looks like "does not exist"
        if endpoint is None:
            raise NotFound(f"no webhook endpoint for unit {unit}")
        return endpoint

    def register(self, unit: str, body: EndpointRequest) -> tuple[int, dict[str, Any]]:
        problem = url_problem(body.url, allow_local_http=self.allow_local_http)
        if problem:
            raise InvalidField("url", problem)
        now = iso(self.now())
        existing = self.repo.get_endpoint(unit)
        events = sorted(set(body.events))
        if existing:
            existing.update(url=body.url, events=events, status="active", status_reason=None, updated_at=now)
            self.repo.put_endpoint(existing)
            return 200, _public_endpoint(existing)
        secret = self.new_secret()
        endpoint = {"unit": unit, "url": body.url, "events": events, "status": "active", "status_reason": None,
                    "created_at": now, "updated_at": now, "secret_rotated_at": now,
                    "secrets": [{"sealed": self.secrets.seal(secret), "expires_at": None}]}
        self.repo.put_endpoint(endpoint)
        return 201, {**_public_endpoint(endpoint), "secret": secret}

    def rotate(self, unit: str) -> dict[str, Any]:
        endpoint = self.repo.get_endpoint(unit)
        if endpoint is None:
            raise NotFound(f"no webhook endpoint for unit {unit}")
        now = self.now()
        grace_until = iso(now + ROTATION_GRACE)
        kept = [s for s in self._valid_secret_entries(endpoint)]
        for entry in kept:
            entry["expires_at"] = entry.get("expires_at") or grace_until
        secret = self.new_secret()
        endpoint.update(secrets=[{"sealed": self.secrets.seal(secret), "expires_at": None}, *kept],
                        secret_rotated_at=iso(now), updated_at=iso(now))
        self.repo.put_endpoint(endpoint)
        return {**_public_endpoint(endpoint), "secret": secret, "previous_secret_valid_until": grace_until}

    def endpoint(self, principal: Principal, unit: str) -> dict[str, Any]:
        return _public_endpoint(self._visible_endpoint(principal, unit))

    def deliveries(self, principal: Principal, unit: str, limit: int) -> dict[str, Any]:
        self._visible_endpoint(principal, unit)
        return {"unit": unit, "deliveries": [_public_delivery(d) for d in self.repo.unit_deliveries(unit, limit)]}

    def failed(self, limit: int) -> dict[str, Any]:
        return {"deliveries": [_public_delivery(d) for d in self.repo.failed_deliveries(limit)]}

    def _valid_secret_entries(self, endpoint: dict[str, Any]) -> list[dict[str, Any]]:
        now = self.now()
        return [dict(s) for s in endpoint.get("secrets", [])
                if not s.get("expires_at") or datetime.fromisoformat(s["expires_at"]) > now]

    def _valid_secrets(self, endpoint: dict[str, Any]) -> list[str]:
        return [self.secrets.open(s["sealed"]) for s in self._valid_secret_entries(endpoint)]

    # --- events in: projection and outbound deliveries -------------------------------------
    def on_event(self, envelope: Envelope) -> str | None:
        """Updates the projection and queues a delivery when the handling unit listens.
        Returns the delivery id, or None."""
        if not envelope.name.startswith("workorders.order."):
            return None
        payload = OrderEventPayload.model_validate(envelope.payload).model_dump(exclude_none=False)
        case_number = payload["case_number"]
        projected = self.repo.get_order(case_number)
        fields = rules.projection_fields(envelope.name, payload)
        self.repo.apply_order(case_number, fields, envelope.occurred_at.isoformat(), envelope.id)
        kind = rules.webhook_type(envelope.name, payload)
        unit = rules.recipient(payload, projected)
        if kind is None or unit is None:
            return None
        endpoint = self.repo.get_endpoint(unit)
        if endpoint is None or kind not in endpoint.get("events", []):
            return None
        delivery_id = str(uuid.uuid5(NAMESPACE, f"{envelope.id}:{unit}"))
        body = {"type": kind, "timestamp": iso(envelope.occurred_at),
                "data": rules.webhook_data({**payload, **fields}, projected)}
        delivery = {"id": delivery_id, "unit": unit, "type": kind, "case_number": case_number, "event_id": envelope.id,
                    "body": json.dumps(body, ensure_ascii=False, separators=(",", ":")), "status": "pending",
                    "attempts": [], "created_at": iso(self.now()), "next_attempt_at": iso(self.now())}
        if not self.repo.create_delivery(delivery):
            existing = self.repo.get_delivery(delivery_id)
            if not existing or existing["status"] != "pending" or existing.get("attempts"):
                return delivery_id  # a redelivered event: already queued and under way
        self.queue.enqueue(delivery_id)
        return delivery_id

    def deliver(self, message: DeliveryMessage) -> str:
        """One attempt of one delivery; returns what became of it."""
        delivery = self.repo.get_delivery(message.delivery_id)
        if delivery is None or delivery["status"] != "pending":
            return "gone"
        wait = message.due_at - self.now().timestamp()
        if wait > 1:  # a hop of a wait longer than the queue's 15-minute delay
            self.queue.enqueue(message.delivery_id, delay=wait, due_at=message.due_at)
            return "waiting"
        attempt_no = len(delivery.get("attempts", [])) + 1
        endpoint = self.repo.get_endpoint(delivery["unit"])
        started = self.now()
        if endpoint is None or endpoint.get("status") != "active":
            result: dict[str, Any] = {"at": iso(started), "status_code": None, "error": "endpoint disabled or removed",
                                      "duration_ms": 0}
            verdict_outcome, delay = "failed", None
        else:
            body = delivery["body"]
            signatures = " ".join(Webhook(s).sign(delivery["id"], started, body) for s in self._valid_secrets(endpoint))
            headers = {"content-type": "application/json", "user-agent": "govportal-webhooks/1",
                       "webhook-id": delivery["id"], "webhook-timestamp": str(int(started.timestamp())),
                       "webhook-signature": signatures}
            sent = self.sender.post(endpoint["url"], body.encode(), headers)
            result = {"at": iso(started), "status_code": sent.status_code, "error": sent.error,
                      "duration_ms": sent.duration_ms}
            verdict = judge(attempt_no, sent.status_code, sent.retry_after, scale=self.backoff_scale)
            verdict_outcome, delay = verdict.outcome, verdict.delay
        if verdict_outcome == "disabled":
            self.repo.set_endpoint_status(delivery["unit"], "disabled", "the receiver answered 410 Gone", iso(started))
            verdict_outcome = "failed"  # this and later deliveries fall back to the portal
        next_at = iso(started + timedelta(seconds=delay)) if verdict_outcome == "retry" and delay is not None else None
        status = {"retry": "pending"}.get(verdict_outcome, verdict_outcome)
        if not self.repo.record_attempt(delivery["id"], result, status, next_at, attempt_no - 1):
            return "raced"  # another worker recorded this attempt
        metrics.add_metric(name=f"WebhookAttempt_{status}", unit="Count", value=1)
        if status == "pending" and delay is not None:
            self.queue.enqueue(delivery["id"], delay=delay, due_at=started.timestamp() + delay)
        elif status == "failed":
            self.queue.dead_letter(delivery)
            logger.warning("webhook delivery failed for good", extra={"delivery_id": delivery["id"], "unit": delivery["unit"],
                                                                      "attempts": attempt_no})
        return status

    # --- inbound status updates from a unit --------------------------------------------------
    def inbound(self, unit: str, raw_body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
        endpoint = self.repo.get_endpoint(unit)
        if endpoint is None or not self._verified(endpoint, raw_body, headers):
            raise Unauthorized("missing or bad webhook signature, or a timestamp more than 5 minutes off")
        webhook_id = {k.lower(): v for k, v in headers.items()}["webhook-id"][:200]
        seen = self.repo.get_inbound(unit, webhook_id)
        if seen:
            return int(seen["status"]), dict(seen["body"])
        status, body = self._act(unit, webhook_id, raw_body)
        kept = self.repo.save_inbound(unit, webhook_id, status, body, int(time.time()))
        return int(kept["status"]), dict(kept["body"])

    def _verified(self, endpoint: dict[str, Any], raw_body: bytes, headers: dict[str, str]) -> bool:
        for secret in self._valid_secrets(endpoint):
            try:
                Webhook(secret).verify(raw_body, dict(headers), json_parse=False)
                return True
            except Exception:  # noqa: BLE001 - any malformed header is just "not verified"
                continue
        return False

    def _act(self, unit: str, webhook_id: str, raw_body: bytes) -> tuple[int, dict[str, Any]]:
        try:
            request = InboundRequest.model_validate_json(raw_body)
        except ValidationError as exc:
            error = BadRequest(f"invalid webhook body: {exc.errors()[0]['msg']} at {'.'.join(map(str, exc.errors()[0]['loc']))}",
                               code="invalid_body")
            return error.status, error.body()
        data = request.data
        order = self.repo.get_order(data.case_number)
        handler = (order or {}).get("handler") or {}
        if order is None or handler.get("code") != unit:
            return 404, NotFound(f"no work order {data.case_number} for unit {unit}").body()
        action = rules.INBOUND_ACTIONS[request.type]
        allowed = list(order.get("actions") or [])
        if action not in allowed:
            return 409, {"error": {"code": "invalid_transition",
                                   "message": f"order {data.case_number} is {order.get('status')}: "
                                              f"{action} is not allowed now; allowed actions: {', '.join(allowed) or 'none'}",
                                   "allowed_actions": allowed}}
        missing = {"reply": "text", "return": "reason", "extend": "days"}.get(action)
        if missing and getattr(data, missing) in (None, ""):
            return 400, InvalidField(f"data.{missing}", f"{request.type} needs data.{missing}").body()
        if action == "extend" and not data.reason:
            return 400, InvalidField("data.reason", "workorder.extension_requested needs data.reason").body()
        command_id = str(uuid.uuid5(NAMESPACE, f"inbound:{unit}:{webhook_id}"))
        kind = str(handler.get("kind") or "department")
        role = kind if kind in {r.value for r in Role} else Role.DEPARTMENT.value
        command = Envelope(
            name="workorders.command.act", version=1, id=command_id, correlation_id=command_id, source="webhooks",
            payload={"case_number": data.case_number, "action": action,
                     "actor": {"subject": f"webhook:{unit}", "role": role, "unit": unit},
                     "reason": data.reason, "text": data.text, "days": data.days},
        )
        self.commands.send(command)
        return 202, {"command_id": command_id, "case_number": data.case_number, "action": action, "status": "accepted"}


MAX_DELIVERY_ATTEMPTS = MAX_ATTEMPTS
