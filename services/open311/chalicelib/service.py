"""Use cases of the Open311 GeoReport v2 channel over its ports: API clients, posting a
request (a command to the work-order service), and the read side built from events."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from chalicelib.domain import georeport as geo
from shared.errors import BadRequest, Forbidden, NotFound
from shared.geo import lat_lon
from shared.messaging import Envelope
from shared.observability import redact

VERB_STATUS = {"created": "submitted", "dispatched": "dispatched", "signed": "signed", "started": "in_progress",
               "returned": "returned", "replied": "replied", "reopened": "reopened", "closed": "closed",
               "escalated": None, "extended": None}


class Repository(Protocol):
    def put_client(self, key_hash: str, client: dict[str, Any]) -> None: ...
    def client_by_key_hash(self, key_hash: str) -> dict[str, Any] | None: ...
    def put_token(self, token: dict[str, Any]) -> None: ...
    def get_token(self, token: str) -> dict[str, Any] | None: ...
    def token_for_command(self, command_id: str) -> dict[str, Any] | None: ...
    def resolve_token(self, token: str, case_number: str) -> None: ...
    def get_request(self, case_number: str) -> dict[str, Any] | None: ...
    def put_request(self, request: dict[str, Any], month: str, event_id: str, occurred_at: str) -> bool: ...
    def requests_by_ids(self, ids: list[str]) -> list[dict[str, Any]]: ...
    def requests_in_month(self, month: str, start: str, end: str, limit: int,
                          keep: Callable[[dict[str, Any]], bool] = ...) -> list[dict[str, Any]]: ...
    def put_update(self, update: dict[str, Any], month: str) -> None: ...
    def updates_in_month(self, month: str, start: str, end: str, limit: int) -> list[dict[str, Any]]: ...


class Commands(Protocol):
    def send(self, command: Envelope) -> None: ...


PUBLIC_FIELDS = ("service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                 "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
                 "address", "address_id", "zipcode", "lat", "long", "media_url")


def key_hash(api_key: str) -> str:
    return hashlib.sha256(api_key.encode()).hexdigest()


def _months(start: datetime, end: datetime) -> list[str]:
    """China months from end back to start."""
    months = []
    cursor = end.astimezone(geo.CHINA).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    first = start.astimezone(geo.CHINA).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    while cursor >= first:
        months.append(cursor.strftime("%Y-%m"))
        cursor = (cursor - timedelta(days=1)).replace(day=1)
    return months


def _one(form: Mapping[str, list[str]], name: str) -> str | None:
    values = form.get(name)
    return values[0].strip() if values and values[0].strip() else None


class Open311Service:
    def __init__(self, repository: Repository, commands: Commands, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.repo = repository
        self.commands = commands
        self.now = now

    # --- API clients -------------------------------------------------------------------------
    def issue_key(self, name: str, issued_by: str) -> dict[str, Any]:
        api_key = "o311_" + secrets.token_urlsafe(32)
        client = {"client_id": uuid.uuid4().hex[:12], "name": name, "issued_by": issued_by, "created_at": geo.iso(self.now())}
        self.repo.put_client(key_hash(api_key), client)
        return {**client, "api_key": api_key}

    def client(self, api_key: str | None) -> dict[str, Any]:
        found = self.repo.client_by_key_hash(key_hash(api_key)) if api_key else None
        if found is None:
            raise Forbidden("api_key is missing or invalid")
        return found

    # --- posting a request --------------------------------------------------------------------
    def post_request(self, form: Mapping[str, list[str]]) -> list[dict[str, Any]]:
        client = self.client(_one(form, "api_key"))
        code = _one(form, "service_code")
        if not code:
            raise BadRequest("service_code is required", code="400")
        if geo.service(code) is None:
            raise BadRequest(f"service_code {code} is not a service offered here (see services.json)", code="400")
        lat, lon = _one(form, "lat"), _one(form, "long")
        address = _one(form, "address_string") or _one(form, "address_id")
        location = None
        if lat is not None or lon is not None:
            try:
                latitude, longitude = float(lat or ""), float(lon or "")
            except ValueError as exc:
                raise BadRequest("lat and long must both be decimal degrees (WGS84)", code="400") from exc
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                raise BadRequest("lat must be within -90..90 and long within -180..180", code="400")
            location = {"lat": latitude, "lon": longitude}
        if location is None and not address:
            raise BadRequest("a location is required: lat and long, or address_string, or address_id", code="400")
        description = _one(form, "description") or ""
        if len(description) > geo.MAX_DESCRIPTION:
            raise BadRequest(f"description is over {geo.MAX_DESCRIPTION} characters", code="400")
        media_url = _one(form, "media_url")
        if media_url and not media_url.startswith(("https://", "http://")):
            raise BadRequest("media_url must be an http(s) URL", code="400")
        definition = geo.definition(code) or {"attributes": []}
        answers = []
        for attribute in definition["attributes"]:
            value = _one(form, f"attribute[{attribute['code']}]")
            if value is None and attribute["required"]:
                raise BadRequest(f"attribute[{attribute['code']}] is required for {code}", code="400")
            allowed = {v["key"]: v["name"] for v in attribute.get("values", [])}
            if value is not None and allowed and value not in allowed:
                raise BadRequest(f"attribute[{attribute['code']}] must be one of {', '.join(allowed)}", code="400")
            if value is not None:
                answers.append(f"{attribute['description']}: {allowed.get(value, value)}")
        service = geo.service(code) or {}
        text = "\n".join(part for part in (f"[{service.get('service_name')}] {description}".strip(), *answers) if part)
        token = uuid.uuid4().hex
        command_id = str(uuid.uuid4())
        now = self.now()
        # Contact fields (email, names, phone) are not kept: the order is followed by token
        # and case number, and personal data never reaches the public list.
        self.repo.put_token({"token": token, "command_id": command_id, "client_id": client["client_id"], "service_code": code,
                             "description": description or None, "media_url": media_url, "address": address,
                             "lat": location["lat"] if location else None, "long": location["lon"] if location else None,
                             "created_at": geo.iso(now), "service_request_id": None})
        self.commands.send(Envelope(
            name="workorders.command.report", version=1, id=command_id, correlation_id=command_id, source="open311",
            payload={"reporter": {"subject": f"o311-{client['client_id']}", "role": "resident", "unit": None},
                     "channel": "open311", "text": text, "location": location, "place": address,
                     "media_urls": [media_url] if media_url else [], "client_ref": token},
        ))
        return [{"token": token, "service_notice": "已收到,正在登记为工单;用 token 查询案件编号(service_request_id)"}]

    def token(self, token: str) -> list[dict[str, Any]]:
        found = self.repo.get_token(token)
        if found is None:
            raise NotFound(f"token {token} not found")
        return [{"token": token, "service_request_id": found.get("service_request_id")}]

    # --- reading -------------------------------------------------------------------------------
    @staticmethod
    def _public(request: dict[str, Any]) -> dict[str, Any]:
        return {name: request.get(name) for name in PUBLIC_FIELDS}

    def request(self, case_number: str) -> list[dict[str, Any]]:
        found = self.repo.get_request(case_number)
        if found is None:
            raise NotFound(f"service request {case_number} not found")
        return [self._public(found)]

    def _window(self, start_date: str | None, end_date: str | None) -> tuple[datetime, datetime]:
        try:
            end = geo.parse_datetime(end_date, "end_date") if end_date else None
            start = geo.parse_datetime(start_date, "start_date") if start_date else None
        except ValueError as exc:
            raise BadRequest(str(exc), code="400") from exc
        window = timedelta(days=geo.MAX_RANGE_DAYS)
        if end is None:
            end = min(start + window, self.now()) if start else self.now()
        if start is None:
            start = end - window
        if start > end:
            raise BadRequest("start_date is after end_date", code="400")
        if end - start > window:
            raise BadRequest(f"start_date and end_date may be at most {geo.MAX_RANGE_DAYS} days apart", code="400")
        return start, end

    def requests(self, params: Mapping[str, str]) -> list[dict[str, Any]]:
        ids = [i.strip() for i in (params.get("service_request_id") or "").split(",") if i.strip()]
        if ids:
            if len(ids) > geo.DEFAULT_LIMIT:
                raise BadRequest(f"at most {geo.DEFAULT_LIMIT} service_request_id values", code="400")
            found = {r["service_request_id"]: r for r in self.repo.requests_by_ids(ids)}
            return [self._public(found[i]) for i in ids if i in found]
        codes = {c.strip() for c in (params.get("service_code") or "").split(",") if c.strip()}
        statuses = {s.strip() for s in (params.get("status") or "").split(",") if s.strip()}
        if statuses - {"open", "closed"}:
            raise BadRequest("status must be open or closed (comma list)", code="400")
        start, end = self._window(params.get("start_date"), params.get("end_date"))

        def keep(request: dict[str, Any]) -> bool:
            return (not codes or request.get("service_code") in codes) and (not statuses or request.get("status") in statuses)

        out: list[dict[str, Any]] = []
        for month in _months(start, end):
            out += self.repo.requests_in_month(month, geo.iso(start), geo.iso(end), geo.DEFAULT_LIMIT - len(out), keep)
            if len(out) >= geo.DEFAULT_LIMIT:
                break
        return [self._public(r) for r in out]

    def updates(self, params: Mapping[str, str]) -> list[dict[str, Any]]:
        start, end = self._window(params.get("start_date"), params.get("end_date"))
        out: list[dict[str, Any]] = []
        for month in reversed(_months(start, end)):
            out += self.repo.updates_in_month(month, geo.iso(start), geo.iso(end), geo.DEFAULT_LIMIT - len(out))
            if len(out) >= geo.DEFAULT_LIMIT:
                break
        fields = ("update_id", "service_request_id", "status", "updated_datetime", "description", "media_url")
        return [{f: u.get(f) for f in fields} for u in out]

    # --- events in -------------------------------------------------------------------------------
    def on_event(self, envelope: Envelope) -> bool:
        if not envelope.name.startswith("workorders.order."):
            return False
        payload = envelope.payload
        case_number = str(payload.get("case_number") or "")
        if not case_number:
            return False
        verb = envelope.name.rsplit(".", 1)[-1]
        at = geo.iso(envelope.occurred_at)
        existing = self.repo.get_request(case_number) or {}
        origin: dict[str, Any] = {}
        if verb == "created":
            token = self.repo.token_for_command(envelope.correlation_id)
            if token:
                self.repo.resolve_token(token["token"], case_number)
                origin = {k: token.get(k) for k in ("description", "media_url", "address", "lat", "long", "client_id")}
        status = payload.get("status") or VERB_STATUS.get(verb) or existing.get("our_status") or "submitted"
        location = payload.get("location") or {}
        point = lat_lon(location.get("point")) or {}
        category = payload.get("category") or existing.get("service_code") or "suggestion"
        service = geo.service(str(category)) or {}
        text = payload.get("text")
        request = {
            "service_request_id": case_number,
            "our_status": status,
            "status": geo.open_or_closed(status),
            "status_notes": geo.STATUS_NOTES.get(verb if verb in ("escalated",) else status) or existing.get("status_notes"),
            "service_code": category,
            "service_name": service.get("service_name"),
            "description": origin.get("description") or existing.get("description") or (redact(str(text)) if text else None),
            "agency_responsible": geo.agency_name(payload.get("handler")) or existing.get("agency_responsible"),
            "service_notice": None,
            "requested_datetime": existing.get("requested_datetime") or at,
            "updated_datetime": at,
            "expected_datetime": payload.get("due_date") and geo.iso(datetime.fromisoformat(str(payload["due_date"])))
            or existing.get("expected_datetime"),
            "address": origin.get("address") or existing.get("address")
            or ", ".join(str(location[k]) for k in ("grid", "community", "street") if location.get(k)) or None,
            "address_id": location.get("grid") or existing.get("address_id"),
            "zipcode": None,
            "lat": origin.get("lat") or point.get("lat") or existing.get("lat"),
            "long": origin.get("long") or point.get("lon") or existing.get("long"),
            "media_url": origin.get("media_url") or existing.get("media_url"),
            "client_id": origin.get("client_id") or existing.get("client_id"),
        }
        month = datetime.fromisoformat(str(request["requested_datetime"])).astimezone(geo.CHINA).strftime("%Y-%m")
        applied = self.repo.put_request(request, month, envelope.id, envelope.occurred_at.isoformat())
        self.repo.put_update({"update_id": envelope.id, "service_request_id": case_number, "status": request["status"],
                              "updated_datetime": at, "description": geo.STATUS_NOTES.get(verb if verb == "escalated" else status)
                              or verb, "media_url": None},
                             datetime.fromisoformat(at).strftime("%Y-%m"))
        return applied
