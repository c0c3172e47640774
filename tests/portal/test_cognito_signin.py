"""The portal's sign-in in AWS mode, in Chromium: /config.json points the site at Cognito, the
site sends the person to the authorize endpoint with a PKCE challenge, and exchanges the code
it gets back by a plain fetch to the token endpoint. Cognito is played by a small local HTTP
server that checks the verifier against the challenge as Cognito does. The site is served with
the Content-Security-Policy of infra/portal.json, so the test also shows the policy lets the
site (and the token request) work. Without /config.json the local demo-people list is used."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jwt
import pytest
from playwright.sync_api import Browser, Page
from werkzeug.security import safe_join
from werkzeug.wrappers import Request, Response

from infra.local.wsgi import serve
from tests.portal.browser import PHONE, ROOT

DIST = ROOT / "web" / "dist"
CLIENT_ID = "portalclient123"
PORTAL_TEMPLATE = ROOT / "infra" / "portal.json"


def template_csp(cognito: str) -> str:
    """The site's CSP as CloudFront sends it, for a plain-http local origin (no upgrade)."""
    policy = json.loads(PORTAL_TEMPLATE.read_text())["Resources"]["SecurityHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]
    text: str = policy["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Sub"]
    for name, value in {"CognitoDomainUrl": cognito, "ExtraImageSources": "", "AWS::Region": "cn-north-1",
                        "AWS::URLSuffix": "amazonaws.com.cn"}.items():
        text = text.replace("${" + name + "}", value)
    assert "${" not in text, text
    return "; ".join(d for d in text.split("; ") if d != "upgrade-insecure-requests")


class FakeCognito:
    """/oauth2/authorize (signs the person in at once), /oauth2/token, /logout."""

    def __init__(self) -> None:
        self.site = ""
        self.groups: list[str] = ["resident"]
        self.codes: dict[str, dict[str, str]] = {}
        self.authorize_calls: list[dict[str, str]] = []
        self.token_calls: list[dict[str, str]] = []
        self.logout_calls: list[dict[str, str]] = []
        self.issued: list[str] = []

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        return self.respond(request)(environ, start_response)

    def respond(self, request: Request) -> Response:
        if request.path == "/oauth2/authorize":
            query = dict(request.args)
            self.authorize_calls.append(query)
            if (query.get("response_type") != "code" or query.get("client_id") != CLIENT_ID
                    or query.get("redirect_uri") != self.site + "/" or query.get("code_challenge_method") != "S256"
                    or not query.get("code_challenge") or not query.get("state")):
                return Response("bad authorize request", status=400)
            code = secrets.token_urlsafe(12)
            self.codes[code] = {"challenge": query["code_challenge"], "redirect_uri": query["redirect_uri"]}
            target = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
            return Response(status=302, headers={"Location": target})
        if request.path == "/oauth2/token" and request.method == "POST":
            form = dict(request.form)
            self.token_calls.append(form)
            headers = {"Access-Control-Allow-Origin": self.site}
            grant = self.codes.pop(form.get("code", ""), None)  # a code is good once
            verifier = form.get("code_verifier", "")
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if (grant is None or form.get("grant_type") != "authorization_code" or form.get("client_id") != CLIENT_ID
                    or form.get("redirect_uri") != grant["redirect_uri"] or challenge != grant["challenge"]):
                return Response(json.dumps({"error": "invalid_grant"}), status=400, headers=headers, content_type="application/json")
            now = int(time.time())
            token = jwt.encode({"sub": "3f1c-resident", "token_use": "id", "iss": "fake-cognito", "aud": CLIENT_ID, "iat": now,
                                "exp": now + 3600, "cognito:groups": self.groups, "phone_number": "+8613800000001",
                                "phone_number_verified": True}, secrets.token_bytes(32), algorithm="HS256")
            self.issued.append(token)
            body = {"id_token": token, "access_token": "access", "refresh_token": "refresh", "expires_in": 3600, "token_type": "Bearer"}
            return Response(json.dumps(body), headers=headers, content_type="application/json")
        if request.path == "/logout":
            self.logout_calls.append(dict(request.args))
            return Response(status=302, headers={"Location": request.args.get("logout_uri", "/")})
        return Response("not found", status=404)


class Site:
    """web/dist with the template's CSP, /config.json when `config` is set, JSON 404s for the APIs."""

    def __init__(self, cognito: FakeCognito) -> None:
        self.cognito = cognito
        self.config: dict[str, Any] | None = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        response = self.respond(request)
        response.headers["Content-Security-Policy"] = template_csp(self.cognito_origin)
        return response(environ, start_response)

    cognito_origin = ""

    def respond(self, request: Request) -> Response:
        if request.path == "/config.json":
            if self.config is None:
                return self.not_found()
            return Response(json.dumps(self.config), content_type="application/json", headers={"Cache-Control": "no-store"})
        if request.path == "/_local/token":
            return Response(json.dumps({"token": "local", "people": [{"id": "demo", "role": "resident", "label_zh": "演示居民", "label_en": "Demo resident"}]}),
                            content_type="application/json")
        relative = "index.html" if request.path == "/" else request.path.lstrip("/")
        file = safe_join(str(DIST), relative)
        if file is None or not Path(file).is_file():
            return self.not_found()
        content_type = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css"}.get(Path(file).suffix, "application/octet-stream")
        return Response(Path(file).read_bytes(), content_type=content_type)

    @staticmethod
    def not_found() -> Response:
        return Response(json.dumps({"error": {"code": "not_found", "message": "no such path"}}), status=404, content_type="application/json")


def start(app: Any) -> tuple[str, Any]:
    server = serve(app, "127.0.0.1", 0, threads=4, name="fake")
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{server.effective_port}", server


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[Site, FakeCognito, str]]:
    assert (DIST / "index.html").is_file(), "build the site first: make web"
    cognito = FakeCognito()
    site = Site(cognito)
    cognito_url, cognito_server = start(cognito)
    site_url, site_server = start(site)
    cognito.site, site.cognito_origin = site_url, cognito_url
    yield site, cognito, site_url
    site_server.close()
    cognito_server.close()


@pytest.fixture()
def page(browser: Browser, servers: tuple[Site, FakeCognito, str]) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    # Any blocked script, style, image or request would land here.
    context.add_init_script("window.__csp = []; addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def cognito_mode(site: Site, cognito: FakeCognito, groups: list[str]) -> None:
    site.config = {"auth": {"mode": "cognito", "domain": site.cognito_origin, "clientId": CLIENT_ID}}
    cognito.groups = groups
    for calls in (cognito.authorize_calls, cognito.token_calls, cognito.logout_calls):
        calls.clear()



def wait_until(page: Page, expression: str, seconds: float = 20) -> None:
    """Polls with page.evaluate (run through the DevTools protocol, which the page's CSP does
    not block; wait_for_function's polling evaluates a string in the page, which it does)."""
    import time

    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {seconds:.0f}s: {expression}")
        time.sleep(0.05)

def test_a_resident_signs_in_with_pkce_keeps_the_token_in_the_tab_and_signs_out(page: Page, servers: tuple[Site, FakeCognito, str]) -> None:
    site, cognito, url = servers
    cognito_mode(site, cognito, ["resident"])
    page.goto(f"{url}/#/signin?next=%23%2Frequests")
    page.click("#signin-go")
    page.wait_for_url(f"{url}/#/requests")
    (authorize,) = cognito.authorize_calls
    assert authorize["lang"] == "zh-CN" and authorize["scope"] == "openid phone profile"
    assert len(authorize["code_challenge"]) == 43  # base64url of a SHA-256 digest
    (exchange,) = cognito.token_calls
    assert 43 <= len(exchange["code_verifier"]) <= 128 and exchange["code_verifier"] != authorize["code_challenge"]
    assert "?" not in page.url and "code=" not in page.url  # the code left the address bar
    session = json.loads(page.evaluate("sessionStorage.getItem('govportal.session')"))
    assert session["token"] == cognito.issued[-1]
    assert session["person"]["role"] == "resident" and session["person"]["unit"] is None
    assert session["expiresAt"] > time.time() * 1000
    assert "access" not in json.dumps(session) and "refresh" not in json.dumps(session)  # only the ID token is kept
    assert page.evaluate("Object.keys(localStorage).filter((k) => localStorage.getItem(k).includes('eyJ'))") == []
    assert page.evaluate("sessionStorage.getItem('govportal.signin')") is None  # the verifier is gone
    assert "138****0001" in page.inner_text("header")  # the number, masked, for the person themself

    page.get_by_role("button", name="退出").click()
    page.wait_for_url(f"{url}/")
    page.wait_for_selector("header a.button")  # 登录 again
    (logout,) = cognito.logout_calls
    assert logout == {"client_id": CLIENT_ID, "logout_uri": f"{url}/"}
    assert page.evaluate("sessionStorage.getItem('govportal.session')") is None
    assert page.evaluate("window.__csp") == []


def test_staff_land_on_their_inbox_with_the_unit_of_their_group(page: Page, servers: tuple[Site, FakeCognito, str]) -> None:
    site, cognito, url = servers
    cognito_mode(site, cognito, ["grid-worker", "unit:JN-S01-C01-G01"])
    page.goto(f"{url}/#/signin")
    page.click("#signin-go")
    page.wait_for_url(f"{url}/#/inbox")
    session = json.loads(page.evaluate("sessionStorage.getItem('govportal.session')"))
    assert session["person"] == {"id": "3f1c-resident", "role": "grid-worker", "unit": "JN-S01-C01-G01",
                                 "label_zh": "138****0001", "label_en": "138****0001"}
    assert page.evaluate("window.__csp") == []


def test_a_code_not_asked_for_in_this_tab_is_refused_and_never_exchanged(page: Page, servers: tuple[Site, FakeCognito, str]) -> None:
    site, cognito, url = servers
    cognito_mode(site, cognito, ["resident"])
    page.goto(f"{url}/?code=stolen&state=forged")
    page.wait_for_selector("[role=alert]")
    assert "登录请求已失效" in page.inner_text("[role=alert]")
    assert cognito.token_calls == []
    assert "code=" not in page.url and page.evaluate("sessionStorage.getItem('govportal.session')") is None
    page.click("#signin-go")  # and signing in properly from here works
    page.wait_for_url(f"{url}/#/")
    assert len(cognito.token_calls) == 1


def test_an_account_without_a_role_group_is_told_so(page: Page, servers: tuple[Site, FakeCognito, str]) -> None:
    site, cognito, url = servers
    cognito_mode(site, cognito, [])
    page.goto(f"{url}/#/signin")
    page.click("#signin-go")
    page.wait_for_selector("[role=alert]")
    assert "没有分配角色" in page.inner_text("[role=alert]")
    assert page.evaluate("sessionStorage.getItem('govportal.session')") is None


def test_without_config_the_sign_in_page_lists_the_local_demo_people(page: Page, servers: tuple[Site, FakeCognito, str]) -> None:
    site, cognito, url = servers
    site.config = None
    page.goto(f"{url}/#/signin")
    page.click("button[data-person='demo']")
    wait_until(page, "location.hash === '#/'")
    assert "演示居民" in page.inner_text("header")
    assert page.evaluate("window.__csp") == []


def test_the_policy_is_in_force_so_an_empty_violation_list_means_something(page: Page, servers: tuple[Site, FakeCognito, str]) -> None:
    site, cognito, url = servers
    cognito_mode(site, cognito, ["resident"])
    page.goto(f"{url}/")
    page.evaluate("fetch('http://127.0.0.1:9/elsewhere').catch(() => null)")
    wait_until(page, "window.__csp.length > 0")
    assert page.evaluate("window.__csp")[0].startswith("connect-src http://127.0.0.1:9")
