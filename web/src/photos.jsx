// Photos of reports and replies (uploaded straight to the media bucket by presigned POST),
// the grid worker's snap-and-report (随手拍) and the dashboard's daily trends.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, newKey } from './api.js';
import { pick, t, when } from './i18n.js';
import { useCategories } from './reports.jsx';
import { state, useStore } from './store.js';
import { ErrorNote, Loading, SignInFirst, useLoad } from './ui.jsx';

const L = (zh, en) => (state.lang === 'en' ? en : zh);
export const MAX_PHOTOS = 3;
const MAX_BYTES = 5 * 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

// Each file: ask the workorders service for a presigned POST, post the file to the bucket;
// the returned keys go into the report or reply. S3 (and the service after it) refuses
// anything that is not an image or is over 5 MB.
export async function uploadPhotos(files, shareLocation = false) {
  const keys = [];
  for (const file of files) {
    const form = await api('/workorders/uploads', { method: 'POST', body: { content_type: file.type, share_location: shareLocation } });
    const data = new FormData();
    for (const [k, v] of Object.entries(form.fields)) data.append(k, v);
    data.append('file', file);
    let response;
    try { response = await fetch(form.url, { method: 'POST', body: data }); } catch {
      throw new ApiError(0, 'network', L('照片上传失败,请重试。', 'The photo could not be uploaded; try again.'));
    }
    if (!response.ok) throw new ApiError(response.status, 'upload_refused', L('照片上传被拒绝(仅限 5 MB 以内的图片)。', 'The photo was refused (images up to 5 MB only).'));
    keys.push(form.key);
  }
  return keys;
}

// Choosing up to three photos, with previews; `capture` opens the phone's camera.
export function PhotoPicker({ files, onChange, capture = false, id = 'photos' }) {
  const [problem, setProblem] = useState('');
  const urls = files.map((f) => URL.createObjectURL(f));
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [files]);
  const add = (list) => {
    const chosen = [...files];
    let note = '';
    for (const f of list) {
      if (!TYPES.includes(f.type)) note = L('只能上传 JPEG、PNG 或 WebP 图片。', 'Only JPEG, PNG or WebP images.');
      else if (f.size > MAX_BYTES) note = L('每张照片不能超过 5 MB。', 'Each photo must be at most 5 MB.');
      else if (chosen.length >= MAX_PHOTOS) note = L('最多 3 张照片。', 'At most 3 photos.');
      else chosen.push(f);
    }
    setProblem(note);
    onChange(chosen);
  };
  return (
    <div class="photos-pick">
      <label for={id}>{L('照片(可选,最多 3 张,每张 5 MB 以内)', 'Photos (optional, up to 3, 5 MB each)')}</label>
      <input id={id} type="file" accept={TYPES.join(',')} multiple={!capture} capture={capture ? 'environment' : undefined}
        disabled={files.length >= MAX_PHOTOS} onChange={(e) => { add([...e.currentTarget.files]); e.currentTarget.value = ''; }} />
      {problem && <p class="error" role="alert">{problem}</p>}
      {files.length > 0 && <ul class="thumbs" data-testid="chosen-photos">{files.map((f, i) => (
        <li key={urls[i]}><img src={urls[i]} alt={L(`已选照片 ${i + 1}`, `Chosen photo ${i + 1}`)} />
          <button type="button" class="link" onClick={() => onChange(files.filter((_, j) => j !== i))}>{L('移除', 'Remove')}<span class="sr"> {i + 1}</span></button></li>
      ))}</ul>}
    </div>
  );
}

const STAGES = { report: ['反映人照片', 'Reported'], before: ['处置前', 'Before'], after: ['处置后', 'After'] };

// An order's photos, for the resident, the handling unit and the command centre (others
// get a 403 and see nothing). Presigned links expire after five minutes.
export function OrderPhotos({ caseNumber, tick = 0 }) {
  const photos = useLoad(`/workorders/${caseNumber}/photos`, false, [tick]);
  const list = photos.data?.photos || [];
  if (!list.length) return null;
  return (
    <section aria-labelledby="photos-h"><h2 id="photos-h">{L('照片', 'Photos')}</h2>
      <ul class="thumbs" data-testid="order-photos">{list.map((p, i) => (
        <li key={p.url}>{p.external
          ? <a href={p.url} rel="noopener noreferrer nofollow" target="_blank">{L('外部照片链接', 'External photo link')} {i + 1}</a>
          : <a href={p.url} target="_blank" rel="noopener noreferrer"><img src={p.url} alt={`${L(...STAGES[p.stage])} ${i + 1}`} /></a>}
          <small>{L(...STAGES[p.stage])}</small></li>
      ))}</ul>
    </section>
  );
}

// The handling unit adds photos before and after the work.
export function AttachPhotos({ caseNumber, onDone }) {
  const [files, setFiles] = useState([]);
  const [stage, setStage] = useState('before');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const send = async (e) => {
    e.preventDefault(); setBusy(true); setError(null);
    try {
      const keys = await uploadPhotos(files);
      await api(`/workorders/${caseNumber}/photos`, { method: 'POST', body: { stage, photos: keys } });
      setFiles([]); onDone && onDone();
    } catch (err) { setError(err); }
    setBusy(false);
  };
  return (
    <form class="card" onSubmit={send} data-testid="attach-photos">
      <fieldset><legend>{L('处置照片', 'Work photos')}</legend>
        {['before', 'after'].map((s) => (
          <label key={s} class="choice"><input type="radio" name="stage" value={s} checked={stage === s} onChange={() => setStage(s)} /> {L(...STAGES[s])}</label>
        ))}
      </fieldset>
      <PhotoPicker files={files} onChange={setFiles} id="unit-photos" />
      <ErrorNote error={error} />
      <button type="submit" disabled={busy || !files.length}>{L('上传照片', 'Add photos')}</button>
    </form>
  );
}

// 随手拍: the grid worker on a phone: photo, the phone's location, the category triage
// suggests, one tap to send.
export function Snap() {
  const { session } = useStore();
  const categories = useCategories();
  const [files, setFiles] = useState([]);
  const [text, setText] = useState('');
  const [point, setPoint] = useState(null);
  const [where, setWhere] = useState('');
  const [triage, setTriage] = useState(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(null);
  const [error, setError] = useState(null);
  const key = useRef(newKey());
  const locate = () => {
    setWhere(L('正在定位…', 'Locating…'));
    navigator.geolocation?.getCurrentPosition(async (pos) => {
      const p = { lat: pos.coords.latitude, lon: pos.coords.longitude };
      setPoint(p);
      try {
        const found = await api(`/catalog/areas/locate?lat=${p.lat}&lon=${p.lon}`);
        setWhere(`${pick(found.community)} ${pick(found.grid)}`);
      } catch { setWhere(`${p.lat.toFixed(5)}, ${p.lon.toFixed(5)}`); }
    }, () => setWhere(L('无法定位:请允许定位或在描述中写明地点', 'No location: allow it, or name the place in the text')),
    { enableHighAccuracy: true, timeout: 10000 });
  };
  useEffect(() => { if (session) locate(); }, [session]);
  useEffect(() => {
    if (!session || text.trim().length < 4) { setTriage(null); return; }
    const id = setTimeout(() => api('/workorders/triage', { method: 'POST', body: { text: text.trim() } }).then(setTriage).catch(() => setTriage(null)), 350);
    return () => clearTimeout(id);
  }, [text, session]);
  if (!session) return <SignInFirst />;
  const top = triage?.candidates?.[0]?.category;
  const send = async () => {
    setBusy(true); setError(null);
    try {
      const photos = await uploadPhotos(files);
      const body = { text: text.trim(), channel: 'grid', kind: 'report', photos };
      if (point) body.location = point;
      if (top) body.category = top;
      setDone(await api('/workorders', { method: 'POST', body, idempotencyKey: key.current }));
    } catch (e) { setError(e); }
    setBusy(false);
  };
  if (done) return (
    <section class="done card" aria-live="polite" data-testid="snap-done">
      <h1>{t('submitted')}</h1>
      <p>{t('caseNumber')}: <strong data-testid="case-number">{done.case_number}</strong></p>
      <p>{t('category')}: {pick(categories[done.category]) || done.category || '—'}</p>
      <a class="button" href={`#/work/${done.case_number}`}>{t('track')}</a>{' '}
      <button type="button" onClick={() => { setDone(null); setFiles([]); setText(''); key.current = newKey(); }}>{L('再拍一个', 'Report another')}</button>
    </section>
  );
  return (
    <div class="snap">
      <h1>{L('随手拍', 'Snap and report')}</h1>
      <PhotoPicker files={files} onChange={setFiles} capture id="snap-photo" />
      <label for="snap-text">{L('看到了什么', 'What is wrong')}</label>
      <textarea id="snap-text" rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} maxLength={2000} />
      <p aria-live="polite" class="hint" data-testid="snap-category">{top ? <>{t('suggested')}: <strong>{pick(categories[top]) || top}</strong></> : null}</p>
      <p aria-live="polite" data-testid="snap-place">{t('place')}: {where || '—'} <button type="button" class="link" onClick={locate}>{L('重新定位', 'Locate again')}</button></p>
      <ErrorNote error={error} />
      <button type="button" class="primary big" data-testid="snap-send" disabled={busy || text.trim().length < 2} onClick={send}>
        {busy ? L('发送中…', 'Sending…') : L('一键上报', 'Send')}</button>
    </div>
  );
}

// Daily trends for the dashboard: sign-for within the hour, overdue and satisfaction, as
// simple SVG line charts with the figures in a table for screen readers.
function Line({ label, days, values, format }) {
  const w = 360; const h = 120; const pad = 24;
  const known = values.filter((v) => v != null);
  const max = Math.max(1e-9, ...known);
  const x = (i) => pad + (i * (w - 2 * pad)) / Math.max(1, days.length - 1);
  const y = (v) => h - pad - ((h - 2 * pad) * v) / max;
  const points = values.map((v, i) => (v == null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean).join(' ');
  return (
    <figure class="chart trend">
      <figcaption>{label}</figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${label}: ${days.map((d, i) => `${d.slice(5)} ${format(values[i])}`).join(', ')}`}>
        <line x1={pad} y1={h - pad} x2={w - pad} y2={h - pad} class="axis" />
        {points && <polyline points={points} class="trend-line" fill="none" />}
        {values.map((v, i) => (v == null ? null : <circle key={days[i]} cx={x(i)} cy={y(v)} r="3" class="trend-dot" />))}
        <text x={pad} y={h - 6} class="chart-label">{days[0]?.slice(5)}</text>
        <text x={w - pad} y={h - 6} class="chart-label" text-anchor="end">{days[days.length - 1]?.slice(5)}</text>
        <text x={pad} y={14} class="chart-value">{format(max === 1e-9 ? 0 : max)}</text>
      </svg>
    </figure>
  );
}

const pct = (v) => (v == null ? '—' : `${Math.round(v * 100)}%`);

export function Trends({ unit }) {
  const [days, setDays] = useState(14);
  const figures = useLoad(`/rating/figures/daily?days=${days}${unit ? `&unit=${encodeURIComponent(unit)}` : ''}`, false, [days]);
  const rows = figures.data?.days || [];
  const dates = rows.map((r) => r.date);
  return (
    <section aria-labelledby="trends-h" data-testid="trends"><h2 id="trends-h">{L('每日趋势', 'Daily trends')}</h2>
      <label for="trend-days">{L('天数', 'Days')}</label>{' '}
      <select id="trend-days" value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
        {[7, 14, 30].map((n) => <option key={n} value={n}>{n}</option>)}
      </select>
      {!figures.data ? <Loading error={figures.error} /> : (
        <>
          <Line label={L('一小时内签收率', 'Signed within the hour')} days={dates} values={rows.map((r) => r.signed_within_hour_rate)} format={pct} />
          <Line label={L('超期件数', 'Overdue orders')} days={dates} values={rows.map((r) => r.overdue)} format={(v) => (v == null ? '—' : String(Math.round(v)))} />
          <Line label={L('满意率', 'Satisfaction')} days={dates} values={rows.map((r) => r.satisfaction_rate)} format={pct} />
          <p class="hint">{L('更新于', 'As of')} {when(figures.data.as_of)}</p>
        </>
      )}
    </section>
  );
}
