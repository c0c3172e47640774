// Session-wide state: language, care mode and the signed-in demo person.
// The token lives only in sessionStorage (gone when the tab closes); preferences in localStorage.
import { useEffect, useState } from 'preact/hooks';

const SESSION_KEY = 'govportal.session';
const listeners = new Set();

function readSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY)) || null;
    return session?.expiresAt && session.expiresAt <= Date.now() ? null : session; // a Cognito token past its hour
  } catch {
    return null;
  }
}

export const state = {
  lang: localStorage.getItem('govportal.lang') || 'zh',
  care: localStorage.getItem('govportal.care') === '1',
  session: readSession(),
};

export function update(patch) {
  Object.assign(state, patch);
  if ('lang' in patch) localStorage.setItem('govportal.lang', state.lang);
  if ('care' in patch) localStorage.setItem('govportal.care', state.care ? '1' : '0');
  if ('session' in patch) {
    if (state.session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(state.session));
    else sessionStorage.removeItem(SESSION_KEY);
  }
  listeners.forEach((fn) => fn());
}

export function useStore() {
  const [, setTick] = useState(0);
  useEffect(() => {
    const fn = () => setTick((n) => n + 1);
    listeners.add(fn);
    return () => listeners.delete(fn);
  }, []);
  return state;
}
