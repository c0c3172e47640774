// The staff workspace (a unit's inbox) and the command centre's dashboard.
import { useEffect, useState } from 'preact/hooks';
import { api, cached } from './api.js';
import { percent, pick, statusName, t, when } from './i18n.js';
import { DistrictMap, useAreas } from './map.jsx';
import { handlerName, OrderFacts, Track, useCategories } from './reports.jsx';
import { AttachPhotos, OrderPhotos, Trends } from './photos.jsx';
import { useStore } from './store.js';
import { Bars, ErrorNote, Loading, SignInFirst, useLoad } from './ui.jsx';

function countdown(deadline) {
  if (!deadline) return '';
  const minutes = Math.round((new Date(deadline) - Date.now()) / 60000);
  return minutes >= 0 ? `${minutes} ${t('minutes')} ${t('countdown')}` : t('overdue');
}

function Rates({ unit }) {
  const scores = useLoad(unit ? `/rating/units/${encodeURIComponent(unit)}/scores` : null);
  if (!scores.data) return <Loading error={scores.error} />;
  const r = scores.data.rates;
  return (
    <section aria-labelledby="rates"><h2 id="rates">{t('rates')} ({scores.data.month})</h2>
      <dl class="rates" data-testid="rates">
        {['response_rate', 'resolution_rate', 'satisfaction_rate'].map((k) => <div key={k}><dt>{t(k)}</dt><dd>{percent(r[k])}</dd></div>)}
      </dl>
    </section>
  );
}

export function Inbox() {
  const { session } = useStore();
  const orders = useLoad(session ? '/workorders?limit=50' : null);
  const rect = useLoad(session ? '/rating/rectifications' : null);
  const isStreet = session?.person.role === 'street';
  const hotspots = useLoad(isStreet ? '/workorders/hotspots' : null);
  const areas = useAreas();
  const categories = useCategories();
  if (!session) return <SignInFirst />;
  const unit = session.person.unit;
  const open = orders.data?.orders.filter((o) => o.status !== 'closed') || [];
  return (
    <>
      <h1>{t('inbox')} · {session.person[`label_${session.lang || 'zh'}`] || unit}</h1>
      <Rates unit={unit} />
      <Trends unit={unit} />
      <h2>{t('queue')}</h2>
      {!orders.data ? <Loading error={orders.error} /> : !open.length ? <p>{t('none')}</p> : (
        <ul class="cards" data-testid="inbox">{open.map((o) => (
          <li key={o.case_number} class="card">
            <a href={`#/work/${o.case_number}`}><strong>{o.case_number}</strong></a> · {pick(categories[o.category]) || o.category}
            <br /><span class="status">{statusName(o.status)}</span>
            {o.status === 'dispatched' && <> · {t('signBy')}: {countdown(o.sign_deadline)}</>} · {t('dueBy')} {when(o.due_at)}
          </li>
        ))}</ul>
      )}
      {isStreet && <section aria-labelledby="h"><h2 id="h">{t('hotspots')}</h2>
        <Hotspots hotspots={hotspots} categories={categories} areas={areas} /></section>}
      {session.person.role !== 'command-centre' && <Appeals />}
      <h2>{t('rectifications')}</h2>
      {!rect.data ? <Loading error={rect.error} /> : !(rect.data.rectifications || []).length ? <p>{t('none')}</p> : (
        <ul class="cards">{rect.data.rectifications.map((r) => (
          <li key={r.id} class="card">{r.subject?.id || r.case_number} · {statusName(r.status)} · {when(r.due_at || r.created_at)}</li>
        ))}</ul>
      )}
    </>
  );
}

// A unit's poor ratings it may appeal, and its appeals; the command centre decides pending ones.
export function Appeals({ decide = false }) {
  const ratings = useLoad(decide ? null : '/rating/ratings?limit=50');
  const appeals = useLoad(decide ? '/rating/appeals?status=pending' : '/rating/appeals');
  const [reason, setReason] = useState({});
  const [error, setError] = useState(null);
  const act = async (path, body) => {
    setError(null);
    try { await api(path, { method: 'POST', body }); ratings.reload(); appeals.reload(); } catch (e) { setError(e); }
  };
  const appealed = new Set((appeals.data?.appeals || []).map((a) => a.rating_id));
  const poor = (ratings.data?.ratings || []).filter((r) => r.level <= 2 && !r.superseded_by);
  return (
    <section aria-labelledby="appeals"><h2 id="appeals">{t('appeals')}</h2>
      <ErrorNote error={error} />
      {!decide && (!ratings.data ? <Loading error={ratings.error} /> : (
        <>
          <h3>{t('badRatings')}</h3>
          {!poor.length ? <p>{t('none')}</p> : <ul class="cards" data-testid="poor-ratings">{poor.map((r) => (
            <li key={r.rating_id} class="card">
              {r.subject?.id} · {t('level')} {r.level}{r.comment ? ` · ${r.comment}` : ''}
              {appealed.has(r.rating_id) || r.appeal_status ? <p>{t('appealSent')} {statusName(r.appeal_status || '')}</p> : (
                <form onSubmit={(e) => { e.preventDefault(); act(`/rating/ratings/${r.rating_id}/appeal`, { reason: reason[r.rating_id] || '' }); }}>
                  <label for={`ap-${r.rating_id}`}>{t('appealReason')}</label>
                  <input id={`ap-${r.rating_id}`} value={reason[r.rating_id] || ''} onInput={(e) => setReason({ ...reason, [r.rating_id]: e.currentTarget.value })} />
                  <button type="submit">{t('appeal')}</button>
                </form>
              )}
            </li>
          ))}</ul>}
        </>
      ))}
      {!appeals.data ? <Loading error={appeals.error} /> : !(appeals.data.appeals || []).length ? <p>{t('none')}</p> : (
        <ul class="cards" data-testid="appeals">{appeals.data.appeals.map((a) => (
          <li key={a.rating_id} class="card">{a.subject?.id || a.rating_id} · {statusName(a.status)} · {a.reason}
            {decide && a.status === 'pending' && (
              <div class="row" role="group" aria-label={t('actions')}>
                <button type="button" onClick={() => act(`/rating/ratings/${a.rating_id}/appeal/decision`, { decision: 'upheld' })}>{t('upheld')}</button>
                <button type="button" onClick={() => act(`/rating/ratings/${a.rating_id}/appeal/decision`, { decision: 'rejected' })}>{t('rejected')}</button>
              </div>
            )}
          </li>
        ))}</ul>
      )}
    </section>
  );
}

const FORMS = {
  sign: [], start: [], return: [['reason', 'text']], extend: [['days', 'number'], ['reason', 'text']], reply: [['text', 'textarea']],
  // The command centre's actions (approve-extension, close, re-route) as the API allows them now.
  'approve-extension': [], close: [['note', 'text']], reroute: [['category', 'text'], ['note', 'text']],
};
const OPTIONAL = new Set(['note', 'category']);

export function WorkOrder({ caseNumber }) {
  const { session } = useStore();
  const order = useLoad(session ? `/workorders/${caseNumber}` : null);
  const areas = useAreas();
  const categories = useCategories();
  const [action, setAction] = useState(null);
  const [fields, setFields] = useState({});
  const [error, setError] = useState(null);
  const [photoTick, setPhotoTick] = useState(0);
  if (!session) return <SignInFirst />;
  if (!order.data) return <Loading error={order.error} />;
  const o = order.data;
  const handling = o.handler?.code === session.person.unit && ['signed', 'in_progress', 'extension_requested', 'replied', 'reopened'].includes(o.status);
  const go = async (name) => {
    setError(null);
    const body = {};
    for (const [field, kind] of FORMS[name] || []) {
      if (OPTIONAL.has(field) && !fields[field]) continue;
      body[field] = kind === 'number' ? Number(fields[field] || 0) : (fields[field] || '');
    }
    try {
      await api(`/workorders/${o.case_number}/${name}`, { method: 'POST', body });
      setAction(null); setFields({}); order.reload();
    } catch (e) { setError(e); }
  };
  const actions = (o.allowed_actions || []).filter((a) => a in FORMS);
  const signBy = <><dt>{t('signBy')}</dt><dd>{when(o.sign_deadline)} {o.status === 'dispatched' ? `(${countdown(o.sign_deadline)})` : ''}</dd></>;
  return (
    <>
      <OrderFacts order={o} areas={areas} categories={categories} deadlines={signBy} />
      {o.reply && <p class="card">{t('reply')}: {o.reply}</p>}
      <div class="row" aria-label={t('actions')} role="group">
        {actions.map((a) => (
          <button type="button" key={a} class={FORMS[a].length ? '' : 'primary'} data-action={a}
            onClick={() => (FORMS[a].length ? setAction(a) : go(a))}>{t(a === 'reply' ? 'replyAction' : a)}</button>
        ))}
      </div>
      {action && (
        <form class="card" onSubmit={(e) => { e.preventDefault(); go(action); }}>
          {FORMS[action].map(([field, kind]) => (
            <div key={field}>
              <label for={`f-${field}`}>{t(field)}</label>
              {kind === 'textarea'
                ? <textarea id={`f-${field}`} rows={3} value={fields[field] || ''} onInput={(e) => setFields({ ...fields, [field]: e.currentTarget.value })} />
                : <input id={`f-${field}`} type={kind} min={kind === 'number' ? 1 : undefined} max={kind === 'number' ? 30 : undefined}
                  value={fields[field] || ''} onInput={(e) => setFields({ ...fields, [field]: e.currentTarget.value })} />}
            </div>
          ))}
          <button type="submit" class="primary">{t(action === 'reply' ? 'replyAction' : action)}</button>
        </form>
      )}
      <ErrorNote error={error} />
      <OrderPhotos caseNumber={o.case_number} tick={photoTick} />
      {handling && <AttachPhotos caseNumber={o.case_number} onDone={() => { setPhotoTick((n) => n + 1); order.reload(); }} />}
      <h2>{t('track')}</h2>
      <Track order={o} />
    </>
  );
}

const STREETS = ['JN-S01', 'JN-S02', 'JN-S03', 'JN-S04'];

// Hotspots (未诉先办): raised by the backend when reports of one category cluster; the street
// sees its own, the command centre opens one coordinated order for each.
export function Hotspots({ hotspots, categories, areas, onOpened }) {
  const { session } = useStore();
  const [busy, setBusy] = useState(null);
  const [error, setError] = useState(null);
  const [opened, setOpened] = useState({});
  if (!hotspots.data) return <Loading error={hotspots.error} />;
  const list = hotspots.data.hotspots || [];
  const open = async (h) => {
    setBusy(h.id); setError(null);
    try {
      const result = await api(`/workorders/hotspots/${encodeURIComponent(h.id)}/open-order`, { method: 'POST', idempotencyKey: `open-${h.id}` });
      setOpened({ ...opened, [h.id]: result.order.case_number });
      onOpened && onOpened();
    } catch (e) { setError(e); }
    setBusy(null);
  };
  return (
    <>
      <p>{t('hotspotsLead')}</p>
      <ErrorNote error={error} />
      {!list.length ? <p>{t('none')}</p> : (
        <ul class="cards" data-testid="hotspots">{list.map((h) => {
          const order = opened[h.id] || h.order;
          return (
            <li key={h.id} class="card hotspot" data-hotspot={h.id}>
              <strong>{pick(categories[h.category]) || h.category}</strong> · {h.count} {t('reportsCount')}
              {' · '}{handlerName({ kind: 'grid', code: h.grid }, areas) || h.street}
              <br /><small>{t('hotspotRaisedAt')} {when(h.raised_at)} · {h.reports.join(', ')}</small>
              <br />{order
                ? <span>{t('hotspotOpened')}: <a href={`#/work/${order}`} data-testid="coordinated-order">{order}</a></span>
                : session?.person.role === 'command-centre' && (
                  <button type="button" class="primary" data-action="open-hotspot" disabled={busy === h.id} onClick={() => open(h)}>
                    {t('openCoordinated')}
                  </button>
                )}
            </li>
          );
        })}</ul>
      )}
    </>
  );
}

export function Dashboard() {
  const { session } = useStore();
  const areas = useAreas();
  const categories = useCategories();
  const [open, setOpen] = useState(null);
  const [error, setError] = useState(null);
  const queue = useLoad(session ? `/workorders?assignee=${encodeURIComponent(session.person.unit)}&limit=50` : null);
  const hotspots = useLoad(session ? '/workorders/hotspots' : null);
  const departments = useLoad('/rating/rankings?kind=department');
  const streets = useLoad('/rating/rankings?kind=street');
  useEffect(() => {
    if (!session) return;
    const streetCodes = areas ? areas.streets.features.map((f) => f.id) : STREETS;
    Promise.all(streetCodes.map((s) => api(`/workorders?street=${s}&limit=100`)))
      .then((pages) => setOpen(pages.flatMap((p) => p.orders).filter((o) => o.status !== 'closed')))
      .catch(setError);
  }, [session, areas]);
  if (!session) return <SignInFirst />;
  const perGrid = {};
  for (const o of open || []) perGrid[o.location?.grid] = (perGrid[o.location?.grid] || 0) + 1;
  const most = Math.max(1, ...Object.values(perGrid));
  const colourOf = (code) => (perGrid[code] ? `rgba(200, 40, 30, ${0.15 + (0.7 * perGrid[code]) / most})` : undefined);
  const byCategory = {};
  for (const o of open || []) byCategory[o.category] = (byCategory[o.category] || 0) + 1;
  const rankRows = (d, field) => (d.data?.rankings || []).map((r) => ({ name: handlerName({ code: r.unit }, areas), value: field === 'composite' ? r.composite : r.rates[field] }));
  return (
    <>
      <h1>{t('dashboard')}</h1>
      <div class="dash">
        <section aria-labelledby="q"><h2 id="q">{t('queue')}</h2>
          {!queue.data ? <Loading error={queue.error} /> : !queue.data.orders.length ? <p>{t('none')}</p> : (
            <ul class="cards" data-testid="cc-queue">{queue.data.orders.map((o) => (
              <li key={o.case_number} class="card"><a href={`#/work/${o.case_number}`}>{o.case_number}</a> · {statusName(o.status)} · {pick(categories[o.category]) || o.category}</li>
            ))}</ul>
          )}
        </section>
        <section aria-labelledby="m"><h2 id="m">{t('openOrders')} (<span data-testid="open-count">{open ? open.length : '…'}</span>)</h2>
          <ErrorNote error={error} />
          <DistrictMap areas={areas} colourOf={colourOf} label={`${t('openOrders')}: ${open ? open.length : 0}`}
            markers={(hotspots.data?.hotspots || []).map((h) => ({ lon: h.centre[0], lat: h.centre[1], r: 12, kind: 'hotspot',
              title: `${t('hotspots')}: ${pick(categories[h.category]) || h.category} · ${h.count} ${t('reportsCount')}` }))} />
          {open && <Bars label={t('category')} rows={Object.entries(byCategory).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([c, n]) => ({ name: pick(categories[c]) || c, value: n }))}
            max={Math.max(1, ...Object.values(byCategory))} />}
        </section>
        <section aria-labelledby="h"><h2 id="h">{t('hotspots')}</h2>
          <Hotspots hotspots={hotspots} categories={categories} areas={areas} onOpened={queue.reload} />
        </section>
        <Trends />
        <Appeals decide />
        <section aria-labelledby="r"><h2 id="r">{t('rankings')}</h2>
          {departments.data ? <Bars label={`${t('composite')} · ${t('handler')}`} rows={rankRows(departments, 'composite')} max={1} format={(v) => (v == null ? '—' : v.toFixed(2))} /> : <Loading error={departments.error} />}
          {streets.data ? <Bars label={`${t('satisfaction_rate')} · ${t('street')}`} rows={rankRows(streets, 'satisfaction_rate')} format={percent} /> : <Loading error={streets.error} />}
          {streets.data ? <Bars label={`${t('response_rate')} · ${t('street')}`} rows={rankRows(streets, 'response_rate')} format={percent} /> : null}
        </section>
      </div>
    </>
  );
}

export { cached };
