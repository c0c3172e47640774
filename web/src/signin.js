// Sign-in in AWS: Cognito's managed sign-in pages with the authorization code flow and PKCE
// (RFC 7636), the code exchanged by a plain fetch to the token endpoint; no library. The
// portal's CloudFront distribution answers /config.json (infra/portal.json) with where to
// sign in; without it (the local stack) the sign-in page lists the demo people instead.
// Only the ID token is kept (the services want it), in sessionStorage, until it expires.

const PENDING_KEY = 'govportal.signin';
const ROLES = ['resident', 'grid-worker', 'community', 'street', 'department', 'command-centre'];
const LOCAL = { mode: 'local' };

export class SignInError extends Error {
  constructor(code, detail) {
    super(code);
    this.code = code;
    this.detail = detail;
  }
}

let configPromise;
export function loadConfig() {
  configPromise ||= fetch('/config.json', { headers: { Accept: 'application/json' }, cache: 'no-store' })
    .then((r) => (r.ok ? r.json() : LOCAL))
    .then((c) => (c?.auth?.mode === 'cognito' && /^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(c.auth.domain || '') && c.auth.clientId
      ? { mode: 'cognito', domain: c.auth.domain.replace(/\/+$/, ''), clientId: c.auth.clientId }
      : LOCAL))
    .catch(() => LOCAL);
  return configPromise;
}

export function base64url(bytes) {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const randomText = (bytes) => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

export async function challengeFor(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

// The site's root: the one callback and sign-out address the app client allows.
export const redirectUri = () => `${location.origin}/`;

export async function beginSignIn(auth, { next, lang }) {
  const verifier = randomText(32); // 43 characters, as RFC 7636 asks at least
  const stateValue = randomText(16);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state: stateValue, next: next || null }));
  const params = new URLSearchParams({
    response_type: 'code', client_id: auth.clientId, redirect_uri: redirectUri(), scope: 'openid phone profile',
    state: stateValue, code_challenge: await challengeFor(verifier), code_challenge_method: 'S256',
    lang: lang === 'en' ? 'en' : 'zh-CN',
  });
  location.assign(`${auth.domain}/oauth2/authorize?${params}`);
}

// Cognito sends people back to the site's root with ?code=…&state=… (or ?error=…).
export function callbackParams() {
  const query = new URLSearchParams(location.search);
  return query.has('state') && (query.has('code') || query.has('error')) ? query : null;
}

export function decodeClaims(token) {
  const part = token.split('.')[1] || '';
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

const maskPhone = (phone) => phone.replace(/^\+86/, '').replace(/^(\d{3})\d+(\d{4})$/, '$1****$2');

// Who the token says the person is, for the header and the menus only: the services check
// the token themselves (shared/auth.py: role and unit from the `<role>` and `unit:<code>` groups).
export function personFrom(claims) {
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : [];
  const roles = groups.filter((g) => ROLES.includes(g));
  const units = groups.filter((g) => g.startsWith('unit:')).map((g) => g.slice(5));
  if (roles.length !== 1 || units.length > 1) throw new SignInError('role');
  const label = claims.name || (claims.phone_number ? maskPhone(claims.phone_number) : roles[0]);
  return { id: claims.sub, role: roles[0], unit: units[0] || null, label_zh: label, label_en: label };
}

export const logoutUrl = (auth) => `${auth.domain}/logout?${new URLSearchParams({ client_id: auth.clientId, logout_uri: redirectUri() })}`;

export async function completeSignIn(auth, params) {
  let pending = null;
  try { pending = JSON.parse(sessionStorage.getItem(PENDING_KEY)); } catch { /* treated as missing */ }
  sessionStorage.removeItem(PENDING_KEY);
  // The code is good once: it leaves the address bar (and the history) now.
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  if (!pending || params.get('state') !== pending.state) throw new SignInError('state');
  if (params.get('error')) throw new SignInError('refused', params.get('error_description') || params.get('error'));
  let response;
  try {
    response = await fetch(`${auth.domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', client_id: auth.clientId, code: params.get('code'),
        redirect_uri: redirectUri(), code_verifier: pending.verifier,
      }),
    });
  } catch {
    throw new SignInError('network');
  }
  const tokens = await response.json().catch(() => ({}));
  if (!response.ok || typeof tokens.id_token !== 'string') throw new SignInError('exchange', tokens.error);
  const person = personFrom(decodeClaims(tokens.id_token));
  const lifetime = Number(tokens.expires_in) > 0 ? Number(tokens.expires_in) : 3600;
  return {
    session: { token: tokens.id_token, person, expiresAt: Date.now() + lifetime * 1000, logout: logoutUrl(auth) },
    next: pending.next,
  };
}
