"""The OpenAPI 3.1 document of a service, generated from its route table, never written by hand.

Each route registered through shared.http.Routes carries its RouteRule (handler.route_rule):
the role rule becomes the operation's security requirement and `x-roles`; the query and body
models are the ones the view passes to `ctx.query(...)` / `ctx.body(...)` (found in the view's
source, or given on the decorator: `query=`, `body=`); the success status is the one the view
returns (`return 201, ...`, or `status=` on the decorator), the answer's model `response=`.
Errors are the project's `{"error": {"code", "message"}}` with the statuses the route can
produce (its role rule, path parameters, body, method).

Every service serves its document at /<service>/openapi.json and a page to read it at
/<service>/docs (shared.http registers both, public). `python -m shared.openapi <service>
<file>` writes it (infra/package.py puts it in build/<service>/openapi.json).
"""

from __future__ import annotations

import ast
import html
import inspect
import json
import textwrap
from collections.abc import Callable, Iterable
from typing import Any

from chalice import Blueprint, Chalice, Response
from pydantic import BaseModel, ConfigDict
from pydantic.json_schema import models_json_schema

OPENAPI_VERSION = "3.1.0"
REF = "#/components/schemas/{model}"
ERROR_REF = {"$ref": "#/components/schemas/Error"}
DESCRIPTIONS = {
    200: "OK", 201: "Created", 202: "Accepted", 204: "No content",
    400: "Bad request: a parameter, header or the body is wrong (the message names it)",
    401: "Missing, expired or malformed bearer token",
    403: "The token's role may not call this route",
    404: "Not found (also what an object that is not yours looks like)",
    409: "Conflict: the object's state does not allow it, or the same Idempotency-Key is in progress",
    413: "Request body too large",
    415: "The body is not JSON (the message names the accepted types)",
    503: "Storage busy or unreachable: retry (with the same Idempotency-Key)",
}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "description": "A retry with the same key gets the same answer and changes nothing twice.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[!-~]+$"},
}


class ErrorDetail(BaseModel):
    """What went wrong; some errors add details (fields, field, accepted)."""

    model_config = ConfigDict(extra="allow", title="ErrorDetail")

    code: str
    message: str


class Error(BaseModel):
    """Every error the services answer: {"error": {"code", "message", ...}}."""

    model_config = ConfigDict(extra="forbid")

    error: ErrorDetail


# --- finding what a view uses --------------------------------------------------------------


def _resolve(node: ast.expr, namespace: dict[str, Any]) -> Any:
    if isinstance(node, ast.Name):
        return namespace.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = _resolve(node.value, namespace)
        return getattr(owner, node.attr, None) if owner is not None else None
    return None


def introspect(view: Callable[..., Any]) -> dict[str, Any]:
    """The models the view passes to ctx.query/ctx.body, the 2xx statuses it returns as
    `(status, body)` and whether it reads the Idempotency-Key."""
    function = inspect.unwrap(view)
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return {}
    closure = inspect.getclosurevars(function)
    namespace = {**function.__globals__, **closure.nonlocals}
    found: dict[str, Any] = {"statuses": set(), "idempotent": False}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("query", "body")
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "ctx" and node.args):
            model = _resolve(node.args[0], namespace)
            if isinstance(model, type) and issubclass(model, BaseModel):
                found[node.func.attr] = model
        elif isinstance(node, ast.Attribute) and node.attr == "idempotency_key":
            found["idempotent"] = True
        elif (isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[0], ast.Constant)
              and isinstance(node.elts[0].value, int) and 200 <= node.elts[0].value < 300):
            found["statuses"].add(node.elts[0].value)
    return found


# --- the document ------------------------------------------------------------------------


def _routes(app: Chalice) -> Iterable[tuple[str, str, Any, Any]]:
    for path, methods in sorted(app.routes.items()):
        for method, entry in sorted(methods.items()):
            rule = getattr(entry.view_function, "route_rule", None)
            if rule is not None:
                yield path, method, entry, rule


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter is absent or a string: never JSON null."""
    options = schema.get("anyOf")
    if options:
        kept = [o for o in options if o.get("type") != "null"]
        rest = {k: v for k, v in schema.items() if k not in ("anyOf", "default")}
        if len(kept) == 1:
            return {**rest, **kept[0]}
        return {**rest, "anyOf": kept}
    return {k: v for k, v in schema.items() if not (k == "default" and v is None)}


def _content(media_types: Iterable[str], schema: dict[str, Any]) -> dict[str, Any]:
    return {media: {"schema": schema if "json" in media else {"type": "string"}} for media in media_types}


def document(app: Chalice) -> dict[str, Any]:
    service = app.app_name.removeprefix("govportal-")
    routes = list(_routes(app))
    found = {id(rule): introspect(rule.function) if rule.function else {} for _, _, _, rule in routes}

    # All models at once, so that pydantic names them without clashes.
    models: set[tuple[type[BaseModel], str]] = {(Error, "validation")}
    for _, _, _, rule in routes:
        seen = found[id(rule)]
        for model, mode in ((rule.query or seen.get("query"), "validation"), (rule.body or seen.get("body"), "validation"),
                            (rule.response, "serialization"), (rule.contract.get("errors"), "serialization")):
            if model is not None:
                models.add((model, mode))  # type: ignore[arg-type]
    refs, defs = models_json_schema(sorted(models, key=lambda m: (m[0].__module__, m[0].__qualname__, m[1])),  # type: ignore[arg-type]
                                    ref_template=REF)
    schemas: dict[str, Any] = defs.get("$defs", {})

    def ref(model: type[BaseModel], mode: str) -> dict[str, Any]:
        return dict(refs[(model, mode)])  # type: ignore[index]

    def definition(model: type[BaseModel]) -> dict[str, Any]:
        name = ref(model, "validation")["$ref"].rsplit("/", 1)[1]
        return dict(schemas[name])

    error_ref = ref(Error, "validation")
    paths: dict[str, Any] = {}
    operation_ids: set[str] = set()
    for path, method, entry, rule in routes:
        seen = found[id(rule)]
        query_model = rule.query or seen.get("query")
        body_model = rule.body or seen.get("body")
        public = not isinstance(rule.allow, frozenset)
        doc = inspect.getdoc(rule.function) if rule.function else None
        operation_id = rule.view if rule.view not in operation_ids else f"{rule.view}_{method.lower()}_{len(operation_ids)}"
        operation_ids.add(operation_id)
        operation: dict[str, Any] = {
            "operationId": operation_id,
            "summary": (doc or f"{method} /{service}{path}").splitlines()[0],
            "tags": [path.strip("/").split("/")[0] or service],
            "x-roles": ["public"] if public else sorted(role.value for role in rule.allow),
            "security": [] if public else [{"bearerAuth": []}],
        }
        if doc and len(doc.splitlines()) > 1:
            operation["description"] = doc
        parameters: list[dict[str, Any]] = [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
            for name in entry.view_args
        ]
        if query_model is not None:
            schema = definition(query_model)
            required = set(schema.get("required", []))
            for name, prop in schema.get("properties", {}).items():
                parameter = {"name": name, "in": "query", "required": name in required, "schema": _without_null(prop)}
                if "description" in prop:
                    parameter["description"] = prop["description"]
                parameters.append(parameter)
        if seen.get("idempotent"):
            parameters.append(dict(IDEMPOTENCY_KEY))
        if parameters:
            operation["parameters"] = parameters
        if body_model is not None:
            body_types = rule.contract.get("body_types") or ["application/json"]
            operation["requestBody"] = {"required": True, "content": {media: {"schema": ref(body_model, "validation")} for media in body_types}}

        media_types = rule.contract.get("media_types") or ["application/json"]
        success = rule.status or seen.get("statuses") or {200}
        success_schema = ref(rule.response, "serialization") if rule.response is not None else rule.contract.get("schema", {"type": "object"})
        responses: dict[str, Any] = {}
        for status in sorted({success} if isinstance(success, int) else success):
            responses[str(status)] = {"description": DESCRIPTIONS.get(status, "OK"), "content": _content(media_types, success_schema)}
        errors = {400}
        if not public:
            errors |= {401, 403}
        if entry.view_args:
            errors.add(404)
        if method != "GET":
            errors |= {409, 415}
        if body_model is not None:
            errors.add(413)
        errors |= set(rule.contract.get("error_statuses", ()))
        if not rule.contract.get("no_storage"):
            errors.add(503)
        own_errors = rule.contract.get("errors")  # a channel's own error shape (Open311)
        own_statuses = set(rule.contract.get("own_error_statuses", ()))
        for status in sorted(errors):
            if own_errors is not None and status in own_statuses:
                content = _content(media_types, ref(own_errors, "serialization"))
            else:
                content = {"application/json": {"schema": error_ref}}
            responses[str(status)] = {"description": DESCRIPTIONS.get(status, "Error"), "content": content}
        operation["responses"] = responses
        paths.setdefault(path, {})[method.lower()] = operation

    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": f"govportal {service}",
            "version": "1.0.0",
            "description": (
                f"The {service} service's HTTP API, generated from its route table, role rules and pydantic models. "
                "`x-roles` lists the roles that may call an operation (`public`: no token). Errors are "
                '`{"error": {"code", "message"}}`; messages are Chinese by default.'
            ),
        },
        "servers": [{"url": f"/{service}"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                    "description": "Cognito ID token in AWS (role and unit from its groups); `make token` locally "
                                   "(claims custom:role, custom:unit).",
                }
            },
        },
    }


# --- the reading page ----------------------------------------------------------------------

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}
h2{border-bottom:1px solid #ccc;margin-top:2rem}
section.op{border:1px solid #ddd;border-radius:6px;margin:.8rem 0;padding:.4rem .8rem}
.m{display:inline-block;min-width:4.5em;font-weight:700;font-family:monospace}
.get{color:#0b5394}.post{color:#1e6b24}.put{color:#7a4b00}.delete{color:#a00}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f5f5f5;padding:.5rem;overflow:auto}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
"""


def _schema_text(schema: Any) -> str:
    if isinstance(schema, dict) and set(schema) == {"$ref"}:  # a named schema: link to it below
        name = html.escape(schema["$ref"].rsplit("/", 1)[1])
        return f"<a href='#schema-{name}'>{name}</a>"
    return html.escape(json.dumps(schema, ensure_ascii=False, indent=2))


def render_page(spec: dict[str, Any]) -> str:
    """A self-contained page (no script, no CDN) listing every operation of the document."""
    out = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(spec['info']['title'])}</title>",
           f"<meta name='viewport' content='width=device-width,initial-scale=1'><style>{_STYLE}</style></head><body><main>",
           f"<h1>{html.escape(spec['info']['title'])}</h1><p>{html.escape(spec['info']['description'])}</p>",
           "<p>Machine-readable: <a href='openapi.json'>openapi.json</a> (OpenAPI "
           f"{html.escape(spec['openapi'])}). Base path <code>{html.escape(spec['servers'][0]['url'])}</code>.</p>",
           "<h2>Operations</h2>"]
    base = spec["servers"][0]["url"]
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            anchor = html.escape(op["operationId"])
            out.append(f"<section class='op' id='{anchor}'><h3><span class='m {method}'>{method.upper()}</span> "
                       f"<code>{html.escape(base + path)}</code></h3><p>{html.escape(op['summary'])}</p>")
            out.append(f"<p>Who may call: <strong>{html.escape(', '.join(op['x-roles']))}</strong></p>")
            if op.get("parameters"):
                out.append("<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr>")
                for p in op["parameters"]:
                    out.append(f"<tr><td><code>{html.escape(p['name'])}</code></td><td>{p['in']}</td>"
                               f"<td>{'yes' if p['required'] else 'no'}</td><td><code>{_schema_text(p['schema'])}</code></td></tr>")
                out.append("</table>")
            if op.get("requestBody"):
                for media, content in op["requestBody"]["content"].items():
                    out.append(f"<p>Body ({html.escape(media)}):</p><pre>{_schema_text(content['schema'])}</pre>")
            out.append("<table><tr><th>status</th><th>meaning</th><th>body</th></tr>")
            for status, response in op["responses"].items():
                bodies = "<br>".join(f"{html.escape(media)}: {_schema_text(c['schema'])}" for media, c in response.get("content", {}).items())
                out.append(f"<tr><td>{status}</td><td>{html.escape(response['description'])}</td><td><code>{bodies}</code></td></tr>")
            out.append("</table></section>")
    out.append("<h2>Schemas</h2>")
    for name, schema in spec["components"]["schemas"].items():
        out.append(f"<section class='op' id='schema-{html.escape(name)}'><h3>{html.escape(name)}</h3><pre>{_schema_text(schema)}</pre></section>")
    out.append("</main></body></html>")
    return "".join(out)


# --- serving ----------------------------------------------------------------------------


def publish(app: Chalice) -> None:
    """Adds GET /openapi.json and GET /docs to the app, once (shared.http calls it whenever
    a Routes blueprint is registered)."""
    if getattr(app, "_openapi_published", False):
        return
    app._openapi_published = True  # type: ignore[attr-defined]
    from shared.http import PUBLIC, RequestContext, Routes

    blueprint = Blueprint(f"{__name__}.contract")
    routes = Routes(blueprint)
    cache: dict[str, Any] = {}

    def spec() -> dict[str, Any]:
        if "spec" not in cache:
            cache["spec"] = document(app)
        return cache["spec"]

    @routes.get("/openapi.json", allow=PUBLIC, no_storage=True)
    def openapi_document(ctx: RequestContext) -> Response:
        """This service's OpenAPI 3.1 document."""
        return Response(body=json.dumps(spec(), ensure_ascii=False), status_code=200,
                        headers={"Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache"})

    @routes.get("/docs", allow=PUBLIC, no_storage=True, media_types=["text/html"], schema={"type": "string"})
    def openapi_page(ctx: RequestContext) -> Response:
        """A page to read this service's OpenAPI document."""
        return Response(body=render_page(spec()), status_code=200,
                        headers={"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache"})

    app.register_blueprint(blueprint)
