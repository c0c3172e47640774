// 我要反映 (report a problem) and my requests: track, reply, rating on five levels.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, cached, newKey } from './api.js';
import { pick, statusName, t, when } from './i18n.js';
import { DistrictMap, useAreas } from './map.jsx';
import { OrderPhotos, PhotoPicker, uploadPhotos } from './photos.jsx';
import { state, useStore } from './store.js';
import { ErrorNote, Loading, SignInFirst, useLoad } from './ui.jsx';

export function useCategories() {
  const [names, setNames] = useState({});
  useEffect(() => {
    cached('/catalog/categories').then((d) => setNames(Object.fromEntries(d.categories.map((c) => [c.code, c])))).catch(() => {});
  }, []);
  return names;
}

// Department names from the project's own taxonomy (shared/data), bundled at build time.
import departmentsCsv from '../../shared/data/departments.csv?raw';

const DEPARTMENTS = Object.fromEntries(departmentsCsv.trim().split('\n').slice(1).map((line) => {
  const [code, nameZh, nameEn] = line.split(',');
  return [code, { name_zh: nameZh, name_en: nameEn }];
}));

export function handlerName(handler, areas) {
  if (!handler) return '';
  if (DEPARTMENTS[handler.code]) return pick(DEPARTMENTS[handler.code]);
  if (areas) for (const layer of ['streets', 'communities', 'grids']) {
    const f = areas[layer].features.find((x) => x.id === handler.code || x.properties.code === handler.code);
    if (f) return pick(f.properties);
  }
  return handler.code;
}

// Building or compound search: the catalogue's area search when it exists, else the
// grid and community names of the district map.
async function searchPlaces(q, areas) {
  try {
    const d = await api(`/catalog/areas/search?q=${encodeURIComponent(q)}`);
    const list = d.results || d.areas || d.items || [];
    return list.slice(0, 8).map((r) => ({
      label: `${pick(r) || r.name_zh || r.code}${r.address_zh ? ` · ${r.address_zh}` : ''}`,
      location: r.kind === 'building' || String(r.code || '').includes('-B') ? { building: r.code }
        : r.point ? { lat: r.point[1], lon: r.point[0] } : { grid: r.grid || r.code },
    }));
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 400 && e.status !== 403)) throw e;
  }
  if (!areas) return [];
  const needle = q.toLowerCase();
  const hits = [];
  for (const f of areas.grids.features) {
    const community = areas.communities.features.find((c) => c.id === f.properties.community);
    const text = `${f.properties.name_zh} ${f.properties.name_en} ${f.properties.code} ${community?.properties.name_zh} ${community?.properties.name_en}`;
    if (text.toLowerCase().includes(needle)) hits.push({ label: `${pick(community?.properties)} ${pick(f.properties)}`, location: { grid: f.properties.code } });
  }
  return hits.slice(0, 8);
}

export function Report() {
  const { session, care } = useStore();
  const areas = useAreas();
  const categories = useCategories();
  const [text, setText] = useState('');
  const [triage, setTriage] = useState(null);
  const [mode, setMode] = useState('map');
  const [location, setLocation] = useState(null);
  const [placeLabel, setPlaceLabel] = useState('');
  const [q, setQ] = useState('');
  const [hits, setHits] = useState([]);
  const [step, setStep] = useState(1);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(null);
  const [error, setError] = useState(null);
  const [files, setFiles] = useState([]);
  const [shareLocation, setShareLocation] = useState(false);
  const key = useRef(newKey());
  const timer = useRef();
  useEffect(() => {
    clearTimeout(timer.current);
    if (!session || text.trim().length < 4) { setTriage(null); return; }
    timer.current = setTimeout(() => {
      api('/workorders/triage', { method: 'POST', body: { text: text.trim() } }).then(setTriage).catch(() => setTriage(null));
    }, 350);
  }, [text, session]);
  useEffect(() => {
    if (mode !== 'search' || q.trim().length < 1) { setHits([]); return; }
    const id = setTimeout(() => searchPlaces(q.trim(), areas).then(setHits).catch(() => setHits([])), 250);
    return () => clearTimeout(id);
  }, [q, mode, areas]);
  if (!session) return <SignInFirst />;
  if (done) return (
    <section class="done card" aria-live="polite" data-testid="report-done">
      <h1>{t('submitted')}</h1>
      <p>{t('caseNumber')}: <strong data-testid="case-number">{done.case_number}</strong></p>
      <p>{t('category')}: {pick(categories[done.category]) || done.category}</p>
      <p>{t('handler')}: <strong data-testid="handler">{handlerName(done.handler, areas)}</strong></p>
      {done.sign_deadline && <p>{t('signBy')}: {when(done.sign_deadline)}</p>}
      {done.due_at && <p>{t('dueBy')}: <strong>{when(done.due_at)}</strong></p>}
      <a class="button" href={`#/requests/${done.case_number}`}>{t('track')}</a>
    </section>
  );
  const top = triage?.candidates?.[0];
  const pickPoint = async (p) => {
    setLocation(p.grid && !p.lat ? { grid: p.grid } : { lat: p.lat, lon: p.lon });
    try {
      const found = await api(`/catalog/areas/locate?lat=${p.lat}&lon=${p.lon}`);
      setPlaceLabel(`${pick(found.community)} ${pick(found.grid)}`);
    } catch { setPlaceLabel(`${p.lat}, ${p.lon}`); }
  };
  const geo = () => navigator.geolocation?.getCurrentPosition((pos) => pickPoint({ lat: pos.coords.latitude, lon: pos.coords.longitude }), () => setError({ message: t('error') }));
  const submit = async () => {
    setBusy(true); setError(null);
    const body = { text: text.trim(), channel: 'portal' };
    if (location && mode !== 'none') body.location = location;
    try {
      if (files.length) body.photos = await uploadPhotos(files, shareLocation);
      setDone(await api('/workorders', { method: 'POST', body, idempotencyKey: key.current }));
    } catch (e) { setError(e); }
    setBusy(false);
  };
  const steps = care ? 3 : 0;
  const show = (n) => !care || step === n;
  return (
    <>
      <h1>{t('report')}</h1>
      {care && <p class="step">{t('step', { n: step, m: steps })}</p>}
      {show(1) && (
        <section>
          <label for="text">{t('describe')}</label>
          <textarea id="text" rows={care ? 5 : 4} value={text} onInput={(e) => setText(e.currentTarget.value)} maxLength={2000} />
          <p aria-live="polite" class="hint" data-testid="triage">{top && <>{t('suggested')}: <strong>{pick(categories[top.category]) || top.category}</strong>
            {triage.reasons?.length ? ` (${triage.reasons.slice(0, 3).map((r) => (typeof r === 'string' ? r : r.term || r.word || r.text || '')).join('、')})` : ''}</>}</p>
        </section>
      )}
      {show(2) && (
        <fieldset>
          <legend>{t('place')}</legend>
          <div class="row" role="radiogroup" aria-label={t('place')}>
            {['map', 'search', 'geo', 'none'].map((m) => (
              <label key={m} class="choice"><input type="radio" name="mode" value={m} checked={mode === m}
                onChange={() => { setMode(m); if (m === 'geo') geo(); if (m === 'none') { setLocation(null); setPlaceLabel(''); } }} />
                {{ map: t('pickOnMap'), search: t('searchPlace'), geo: t('useMyLocation'), none: t('leaveOut') }[m]}</label>
            ))}
          </div>
          {mode === 'map' && <DistrictMap areas={areas} onPick={pickPoint} markers={location?.lat ? [{ ...location, kind: 'pin' }] : []} selected={location?.grid} />}
          {mode === 'search' && (
            <>
              <label for="placeq">{t('searchPlace')}</label>
              <input id="placeq" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} autocomplete="off" />
              <ul class="results">{hits.map((h) => (
                <li key={h.label}><button type="button" class="link" onClick={() => { setLocation(h.location); setPlaceLabel(h.label); setHits([]); }}>{h.label}</button></li>
              ))}</ul>
            </>
          )}
          <p aria-live="polite" data-testid="place">{mode === 'none' ? t('noPlace') : placeLabel && `${t('placeChosen')}: ${placeLabel}`}</p>
        </fieldset>
      )}
      {show(care ? 3 : 1) && (
        <section>
          <PhotoPicker files={files} onChange={setFiles} />
          {files.length > 0 && <label class="choice"><input type="checkbox" checked={shareLocation} onChange={(e) => setShareLocation(e.currentTarget.checked)} />
            {state.lang === 'en' ? "Share the photo's location (otherwise it is removed)" : '同时提供照片里的位置信息(不勾选则去除)'}</label>}
        </section>
      )}
      <ErrorNote error={error} />
      <div class="row">
        {care && step > 1 && <button type="button" onClick={() => setStep(step - 1)}>{t('back')}</button>}
        {care && step < steps
          ? <button type="button" class="primary" disabled={step === 1 && text.trim().length < 2} onClick={() => setStep(step + 1)}>{t('next')}</button>
          : <button type="button" class="primary" disabled={busy || text.trim().length < 2} onClick={submit}>{t('submit')}</button>}
      </div>
    </>
  );
}

export function Requests() {
  const { session } = useStore();
  const list = useLoad(session ? '/workorders?limit=50' : null);
  const categories = useCategories();
  if (!session) return <SignInFirst />;
  return (
    <>
      <h1>{t('requests')}</h1>
      {!list.data ? <Loading error={list.error} /> : !list.data.orders.length ? <p>{t('requestsNone')}</p> : (
        <ul class="cards">{list.data.orders.map((o) => (
          <li key={o.case_number} class="card">
            <a href={`#/requests/${o.case_number}`}><strong>{o.case_number}</strong></a> · {pick(categories[o.category]) || o.category}
            <br /><span class="status">{statusName(o.status)}</span> · {when(o.created_at)}
          </li>
        ))}</ul>
      )}
    </>
  );
}

export function Track({ order }) {
  return (
    <ol class="track" data-testid="track">{(order.track || []).map((s, i) => (
      <li key={i}><strong>{statusName(s.action)}</strong> <time>{when(s.at)}</time>{s.note ? <> · {s.note}</> : null}</li>
    ))}</ol>
  );
}

// An order's heading, facts and text, as the resident and the staff pages show them; `deadlines`
// are more facts shown before the due date (the staff's sign-by).
export function OrderFacts({ order, areas, categories, deadlines = null }) {
  return (
    <>
      <h1>{order.case_number}</h1>
      <dl class="facts">
        <dt>{t('status')}</dt><dd data-testid="order-status">{statusName(order.status)}</dd>
        <dt>{t('category')}</dt><dd>{pick(categories[order.category]) || order.category}</dd>
        <dt>{t('handler')}</dt><dd>{handlerName(order.handler, areas)}</dd>
        {deadlines}
        <dt>{t('dueBy')}</dt><dd>{when(order.due_at)}</dd>
      </dl>
      <p>{order.text}</p>
    </>
  );
}

export function RequestDetail({ caseNumber }) {
  useStore();
  const order = useLoad(`/workorders/${caseNumber}`);
  const areas = useAreas();
  const categories = useCategories();
  const [level, setLevel] = useState(null);
  const [comment, setComment] = useState('');
  const [rated, setRated] = useState(false);
  const [error, setError] = useState(null);
  if (!order.data) return <Loading error={order.error} />;
  const o = order.data;
  const rate = async () => {
    setError(null);
    try {
      await api('/rating/ratings', { method: 'POST', body: { subject: { kind: 'workorder', id: o.case_number }, level, comment: comment || null }, idempotencyKey: newKey() });
      setRated(true);
    } catch (e) { setError(e); }
  };
  const levels = t('levels');
  return (
    <>
      <OrderFacts order={o} areas={areas} categories={categories} />
      {o.reply && <section class="card"><h2>{t('reply')}</h2><p data-testid="reply">{o.reply}</p></section>}
      {o.status === 'reopened' && <p class="note">{t('rectifying')}</p>}
      <OrderPhotos caseNumber={o.case_number} />
      <h2>{t('track')}</h2>
      <Track order={o} />
      {o.status === 'replied' && !rated && (
        <fieldset class="rating">
          <legend>{t('rateNow')}</legend>
          {[5, 4, 3, 2, 1].map((n) => (
            <label key={n} class="choice"><input type="radio" name="level" value={n} checked={level === n} onChange={() => setLevel(n)} /> {levels[n - 1]}</label>
          ))}
          <label for="comment">{t('comment')}</label>
          <textarea id="comment" rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} maxLength={500} />
          <ErrorNote error={error} />
          <button type="button" class="primary" disabled={!level} onClick={rate}>{t('rate')}</button>
        </fieldset>
      )}
      {rated && <p role="status" data-testid="rated">{t('rated')}</p>}
    </>
  );
}
