// Small shared pieces: loading a URL into state, the loading and error notes.
import { useEffect, useState } from 'preact/hooks';
import { api, cached } from './api.js';
import { t } from './i18n.js';
import { state } from './store.js';

export function useLoad(path, reference = false, deps = []) {
  const [result, setResult] = useState({ data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setResult({ data: null, error: null });
    (reference ? cached(path) : api(path))
      .then((data) => live && setResult({ data, error: null }))
      .catch((error) => live && setResult({ data: null, error }));
    return () => { live = false; };
  }, [path, tick, state.lang, ...deps]);
  return { ...result, reload: () => setTick((n) => n + 1) };
}

export const Loading = ({ error }) => (error ? <ErrorNote error={error} /> : <p aria-busy="true">{t('loading')}</p>);

export const ErrorNote = ({ error }) => (error ? <p class="error" role="alert">{t('error')}: {error.message}</p> : null);

export const SignInFirst = () => (
  <section class="card"><p>{t('signinFirst')}</p><a class="button primary" href={`#/signin?next=${encodeURIComponent(location.hash)}`}>{t('signin')}</a></section>
);

export function Bars({ rows, label, max = 1, format = (v) => v }) {
  // A horizontal bar chart in SVG with its figures as text (readable without the bars).
  const h = 26;
  return (
    <figure class="chart">
      <figcaption>{label}</figcaption>
      <svg viewBox={`0 0 400 ${rows.length * h + 4}`} role="img" aria-label={`${label}: ${rows.map((r) => `${r.name} ${format(r.value)}`).join(', ')}`}>
        {rows.map((r, i) => (
          <g key={r.name} transform={`translate(0 ${i * h})`}>
            <text x="0" y="17" class="chart-label">{r.name}</text>
            <rect x="150" y="4" height="18" width={Math.max(1, (190 * (r.value || 0)) / (max || 1))} class="chart-bar" />
            <text x="345" y="17" class="chart-value">{format(r.value)}</text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
