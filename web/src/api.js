// Same-origin calls to the services behind the gateway. Errors come back as
// {"error": {"code", "message"}}; they are thrown as ApiError for the page to show.
import { state, update } from './store.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function api(path, { method = 'GET', body, idempotencyKey } = {}) {
  const headers = { 'Accept-Language': state.lang === 'en' ? 'en' : 'zh-CN' };
  if (state.session?.expiresAt && state.session.expiresAt <= Date.now()) update({ session: null });
  if (state.session?.token) headers.Authorization = `Bearer ${state.session.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', state.lang === 'en' ? 'The network is unreachable; try again.' : '网络不通,请稍后再试。');
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    if (response.status === 401 && state.session) update({ session: null });
    const error = data.error || {};
    throw new ApiError(response.status, error.code || 'error', error.message || `HTTP ${response.status}`);
  }
  return data;
}

export const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

// Catalogue reference data, loaded once per page view.
const cache = new Map();
export function cached(path) {
  if (!cache.has(path)) cache.set(path, api(path).catch((e) => { cache.delete(path); throw e; }));
  return cache.get(path);
}
