// The residents' pages: search, life events, an item, booking and my appointments.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, cached, newKey } from './api.js';
import { dayName, pick, statusName, t, when } from './i18n.js';
import { DistrictMap, useAreas } from './map.jsx';
import { state, useStore } from './store.js';
import { ErrorNote, Loading, SignInFirst, useLoad } from './ui.jsx';

export function Home() {
  const { care } = useStore();
  const [q, setQ] = useState('');
  const [results, setResults] = useState(null);
  const timer = useRef();
  useEffect(() => {
    clearTimeout(timer.current);
    if (!q.trim()) { setResults(null); return; }
    timer.current = setTimeout(() => {
      api(`/catalog/items?q=${encodeURIComponent(q.trim())}&limit=10`).then((d) => setResults(d.items)).catch(() => setResults([]));
    }, 180);
  }, [q]);
  const events = useLoad('/catalog/life-events', true);
  const certs = useLoad('/catalog/certificates', true);
  return (
    <>
      <h1>{t('site')}</h1>
      <form role="search" onSubmit={(e) => e.preventDefault()} class="search">
        <label for="q">{t('search')}</label>
        <input id="q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder={t('searchHint')} autocomplete="off" />
      </form>
      <div aria-live="polite">
        {results && (results.length ? (
          <ul class="results" data-testid="results">
            {results.map((i) => (
              <li key={i.code}><a href={`#/item/${i.code}`}>{pick(i)}</a>
                <span class="meta"> {i.online ? t('online') : t('offline')}{i.appointment ? ` · ${t('book')}` : ''}</span></li>
            ))}
          </ul>
        ) : <p>{t('noResults')}</p>)}
      </div>
      {care ? (
        <nav class="big-actions" aria-label={t('home')}>
          <a class="button big" href="#/report">{t('report')}</a>
          <a class="button big" href="#/requests">{t('requests')}</a>
          <a class="button big" href="#/appointments">{t('appointments')}</a>
          <a class="button big" href="#/grid">{t('grid')}</a>
        </nav>
      ) : (
        <>
          <section aria-labelledby="le">
            <h2 id="le">{t('lifeEvents')}</h2>
            {events.data ? (
              <ul class="tiles">{events.data.life_events.map((e) => (
                <li key={e.code}><a href={`#/life/${e.code}`}><strong>{pick(e)}</strong><span>{pick(e, 'summary')}</span></a></li>
              ))}</ul>
            ) : <Loading error={events.error} />}
          </section>
          <section aria-labelledby="ce">
            <h2 id="ce">{t('certificates')}</h2>
            {certs.data ? (
              <div class="two">
                <div><h3>{t('mayIssue')}</h3><ul>{certs.data.may_issue.map((c) => <li key={c.code}>{pick(c)}</li>)}</ul></div>
                <div><h3>{t('mayNotIssue')}</h3><ul>{(certs.data.must_not_issue || []).map((c) => (
                  <li key={c.code}>{pick(c)}<br /><small>{pick(c, 'instead')}</small></li>))}</ul></div>
              </div>
            ) : <Loading error={certs.error} />}
          </section>
        </>
      )}
    </>
  );
}

export function LifeEvent({ code }) {
  useStore();
  const ev = useLoad(`/catalog/life-events/${code}`, true);
  if (!ev.data) return <Loading error={ev.error} />;
  return (
    <>
      <h1>{pick(ev.data) || code}</h1>
      <ol class="results">{ev.data.items.map((i) => <li key={i.code}><a href={`#/item/${i.code}`}>{pick(i)}</a></li>)}</ol>
    </>
  );
}

export function Item({ code }) {
  useStore();
  const item = useLoad(`/catalog/items/${code}`, true);
  const centres = useLoad('/catalog/centres', true);
  const areas = useAreas();
  if (!item.data) return <Loading error={item.error} />;
  const i = item.data;
  const here = centres.data ? centres.data.centres.filter((c) => (i.centres || []).includes(c.id)) : [];
  return (
    <>
      <h1>{pick(i)}</h1>
      <p>{pick(i, 'summary')}</p>
      {i.appointment && <p><a class="button primary" href={`#/book/${i.code}`}>{t('book')}</a></p>}
      <dl class="facts">
        <dt>{t('promised')}</dt><dd>{i.promised_days} {t('workdays')}</dd>
        <dt>{t('legal')}</dt><dd>{i.legal_days ?? '—'} {t('workdays')}</dd>
        <dt>{t('visits')}</dt><dd>{i.visits ?? '—'}{i.visits <= 1 ? ` (${t('atMostOnce')})` : ''}</dd>
        <dt>{t('fee')}</dt><dd>{pick(i.fee, 'note')}</dd>
        <dt>{t('online')}</dt><dd>{i.online ? '✓' : t('offline')}</dd>
      </dl>
      <h2>{t('conditions')}</h2>
      <ul>{(i[`conditions_${state.lang}`] || i.conditions_zh || []).map((c) => <li key={c}>{c}</li>)}</ul>
      <h2>{t('materials')}</h2>
      <ul class="checklist">{(i.materials || []).map((m, n) => (
        <li key={n}><label><input type="checkbox" /> {pick(m)} <small>({m.original ? t('original') : t('copy')} × {m.copies})</small></label></li>
      ))}</ul>
      {here.length > 0 && (
        <>
          <h2>{t('centres')}</h2>
          <DistrictMap areas={areas} markers={here.map((c) => ({ lon: c.location[0], lat: c.location[1], title: pick(c), kind: 'centre' }))} />
          <ul>{here.map((c) => (
            <li key={c.id}><strong>{pick(c)}</strong><br /><small>{pick(c, 'address')} · {c.phone}</small><br />
              <small>{t('hours')}: {hoursText(c.hours)}</small></li>
          ))}</ul>
        </>
      )}
    </>
  );
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_ZH = { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' };
function hoursText(hours = {}) {
  return DAYS.map((d) => `${state.lang === 'en' ? d : DAY_ZH[d]} ${(hours[d] || []).map((p) => p.join('–')).join(', ') || t('closed')}`).join('; ');
}

function nextDays(n) {
  const days = [];
  const now = new Date(Date.now() + 8 * 3600e3); // China day
  for (let k = 1; k <= n; k++) days.push(new Date(now.getTime() + k * 86400e3).toISOString().slice(0, 10));
  return days;
}

export function Book({ code, query }) {
  const { session } = useStore();
  const reschedule = query.get('reschedule');
  const item = useLoad(`/catalog/items/${code}`, true);
  const centres = useLoad(`/booking/centres?item=${code}`, true);
  const [centre, setCentre] = useState(null);
  const [day, setDay] = useState(null);
  const [slots, setSlots] = useState(null);
  const [slot, setSlot] = useState(null);
  const [home, setHome] = useState(false);
  const [homeReason, setHomeReason] = useState('elderly');
  const [address, setAddress] = useState('');
  const [done, setDone] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setSlots(null); setSlot(null);
    if (!centre || !day) return;
    api(`/booking/slots?item=${code}&centre=${centre}&date=${day}${home ? '&home_visit=true' : ''}`).then(setSlots).catch((e) => setError(e));
  }, [centre, day, home]);
  if (!session) return <SignInFirst />;
  if (done) return (
    <section class="done" aria-live="polite">
      <h1>{t('booked')}</h1>
      <p>{t('code')}: <strong data-testid="booking-code">{done.code}</strong></p>
      <p>{when(done.start)} · {done.centre}</p>
      <a class="button" href="#/appointments">{t('appointments')}</a>
    </section>
  );
  const submit = async () => {
    setError(null);
    try {
      if (reschedule) setDone(await api(`/booking/appointments/${reschedule}/reschedule`, { method: 'POST', body: { start: slot } }));
      else {
        const body = { item: code, centre, start: slot };
        if (home) body.home_visit = { reason: homeReason, address };
        setDone(await api('/booking/appointments', { method: 'POST', body, idempotencyKey: newKey() }));
      }
    } catch (e) { setError(e); }
  };
  const weekday = (d) => new Date(`${d}T12:00:00+08:00`).getUTCDay();
  return (
    <>
      <h1>{reschedule ? t('reschedule') : t('book')}: {item.data ? pick(item.data) : code}</h1>
      <fieldset><legend>{t('centre')}</legend>
        {centres.data ? centres.data.centres.map((c) => (
          <label key={c.id} class="choice"><input type="radio" name="centre" value={c.id} checked={centre === c.id} onChange={() => setCentre(c.id)} /> {pick(c) || c.name_zh}</label>
        )) : <Loading error={centres.error} />}
      </fieldset>
      {item.data?.home_visit && !reschedule && (
        <fieldset><legend>{t('homeVisit')}</legend>
          <label class="choice"><input type="checkbox" checked={home} onChange={(e) => setHome(e.currentTarget.checked)} /> {t('homeVisit')}</label>
          {home && <>
            <label for="hr">{t('homeVisitReason')}</label>
            <select id="hr" value={homeReason} onChange={(e) => setHomeReason(e.currentTarget.value)}>
              <option value="elderly">{state.lang === 'en' ? 'Elderly' : '高龄老人'}</option>
              <option value="disabled">{state.lang === 'en' ? 'Disability' : '残疾人'}</option>
            </select>
            <label for="ad">{t('address')}</label>
            <input id="ad" value={address} onInput={(e) => setAddress(e.currentTarget.value)} />
          </>}
        </fieldset>
      )}
      {centre && (
        <fieldset><legend>{t('day')}</legend>
          <div class="days">{nextDays(14).map((d) => (
            <button type="button" key={d} class={day === d ? 'on' : ''} aria-pressed={day === d} onClick={() => setDay(d)}>
              {dayName(d)}{[0, 6].includes(weekday(d)) ? ` · ${t('weekend')}` : ''}
            </button>
          ))}</div>
        </fieldset>
      )}
      {slots && (
        <fieldset><legend>{t('slot')}</legend>
          {slots.slots.length ? (
            <div class="slots">{slots.slots.map((s) => (
              <button type="button" key={s.start} disabled={!s.remaining} class={slot === s.start ? 'on' : ''} aria-pressed={slot === s.start}
                onClick={() => setSlot(s.start)}>{s.start.slice(11, 16)}–{s.end.slice(11, 16)} <small>{s.remaining} {t('seatsLeft')}</small></button>
            ))}</div>
          ) : <p role="status">{t('noSlots')}{closedReason(slots, day)}</p>}
        </fieldset>
      )}
      <ErrorNote error={error} />
      <button type="button" class="primary" disabled={!slot || (home && address.length < 4)} onClick={submit}>{t('confirm')}</button>
    </>
  );
}

// Newer booking APIs say why a day is closed (holiday name, weekend); older ones return no slots.
function closedReason(data, day) {
  const c = data.closed || data.closed_reason || data.reason;
  if (c && typeof c === 'object') return `: ${pick(c, 'reason') || pick(c) || pick(c, 'holiday') || ''}`;
  if (typeof c === 'string') return `: ${c}`;
  const wd = new Date(`${day}T12:00:00+08:00`).getUTCDay();
  return [0, 6].includes(wd) ? `: ${t('weekend')}` : '';
}

export function Appointments() {
  const { session } = useStore();
  const [list, setList] = useState(null);
  const [error, setError] = useState(null);
  const load = () => api('/booking/appointments').then((d) => setList(d.appointments)).catch(setError);
  useEffect(() => { if (session) load(); }, [session]);
  if (!session) return <SignInFirst />;
  const cancel = async (id) => {
    try { await api(`/booking/appointments/${id}/cancel`, { method: 'POST' }); load(); } catch (e) { setError(e); }
  };
  return (
    <>
      <h1>{t('appointments')}</h1>
      <ErrorNote error={error} />
      {!list ? <Loading /> : !list.length ? <p>{t('appointmentsNone')}</p> : (
        <ul class="cards" data-testid="appointments">{list.map((a) => (
          <li key={a.id} class="card">
            <strong>{when(a.start)}</strong> · {a.item} · {a.centre}<br />
            {t('code')}: {a.code} · <span class="status" data-testid="appointment-status">{statusName(a.status)}</span>
            {a.status === 'booked' && (
              <div class="row">
                <button type="button" onClick={() => cancel(a.id)}>{t('cancel')}</button>
                <a class="button" href={`#/book/${a.item}?reschedule=${a.id}`}>{t('reschedule')}</a>
              </div>
            )}
          </li>
        ))}</ul>
      )}
    </>
  );
}

export function FindGrid() {
  useStore();
  const areas = useAreas();
  const [found, setFound] = useState(null);
  const [error, setError] = useState(null);
  const locate = async (p) => {
    setError(null);
    try { setFound(await api(`/catalog/areas/locate?lat=${p.lat}&lon=${p.lon}`)); } catch (e) { setError(e); setFound(null); }
  };
  const geo = () => navigator.geolocation?.getCurrentPosition((pos) => locate({ lat: pos.coords.latitude, lon: pos.coords.longitude }), () => setError({ message: t('error') }));
  const grid = found?.grid;
  return (
    <>
      <h1>{t('grid')}</h1>
      <p>{t('tapMap')}</p>
      <button type="button" onClick={geo}>{t('useMyLocation')}</button>
      <DistrictMap areas={areas} onPick={locate} selected={grid?.code} />
      <ErrorNote error={error} />
      {grid && (
        <section class="card" aria-live="polite" data-testid="grid-card">
          <h2>{t('gridIs')}: {pick(grid)} ({grid.code})</h2>
          <p>{t('community')}: {pick(found.community)} · {t('street')}: {pick(found.street)}</p>
          {grid.worker && <p>{t('gridWorker')}: {grid.worker.name} · {t('phone')}: <a href={`tel:${grid.worker.public_phone}`}>{grid.worker.public_phone}</a></p>}
        </section>
      )}
    </>
  );
}

export { cached };
