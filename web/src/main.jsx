// The shell: header (language, care mode, who is signed in), a hash router, the sign-in page.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { t } from './i18n.js';
import { Snap } from './photos.jsx';
import { beginSignIn, callbackParams, completeSignIn, loadConfig, SignInError } from './signin.js';
import { Report, RequestDetail, Requests } from './reports.jsx';
import { Appointments, Book, FindGrid, Home, Item, LifeEvent } from './resident.jsx';
import { Dashboard, Inbox, WorkOrder } from './staff.jsx';
import { state, update, useStore } from './store.js';
import { ErrorNote, Loading } from './ui.jsx';
import './style.css';

function parse() {
  const [path, search] = (location.hash.replace(/^#/, '') || '/').split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search || '') };
}

const homeFor = (role) => (role === 'resident' ? '#/' : role === 'command-centre' ? '#/dashboard' : '#/inbox');
const SIGNIN_ERRORS = { state: 'signinState', refused: 'signinRefused', exchange: 'signinExchange', network: 'signinNetwork', role: 'signinRole' };

// Local stack: pick a demo person (/_local/token). AWS (/config.json says cognito): Cognito's
// sign-in pages, and back here with a code to exchange (web/src/signin.js).
function SignIn({ query }) {
  const [auth, setAuth] = useState(null);
  const [people, setPeople] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    const callback = callbackParams();
    loadConfig().then(async (config) => {
      setAuth(config);
      if (config.mode !== 'cognito') {
        api('/_local/token').then((d) => setPeople(d.people)).catch(setError);
      } else if (callback) {
        try {
          const { session, next } = await completeSignIn(config, callback);
          update({ session });
          location.hash = next || homeFor(session.person.role);
        } catch (e) {
          setError(e instanceof SignInError ? { message: t(SIGNIN_ERRORS[e.code] || 'signinExchange') } : e);
          setAuth({ ...config, ready: true });
        }
      } else {
        setAuth({ ...config, ready: true });
      }
    });
  }, []);
  const choose = async (person) => {
    try {
      const { token } = await api('/_local/token', { method: 'POST', body: { person: person.id } });
      update({ session: { token, person } });
      location.hash = query.get('next') || homeFor(person.role);
    } catch (e) { setError(e); }
  };
  if (auth?.mode === 'cognito') {
    return (
      <>
        <h1>{t('signinTitle')}</h1>
        <p>{t('signinNote')}</p>
        <ErrorNote error={error} />
        {auth.ready
          ? <button type="button" class="primary" id="signin-go" onClick={() => beginSignIn(auth, { next: query.get('next'), lang: state.lang }).catch(setError)}>{t('signinGo')}</button>
          : <Loading />}
      </>
    );
  }
  return (
    <>
      <h1>{t('whoAmI')}</h1>
      <p>{t('localOnly')}</p>
      <ErrorNote error={error} />
      {!people ? <Loading error={error} /> : (
        <ul class="cards">{people.map((p) => (
          <li key={p.id}><button type="button" class="person" data-person={p.id} onClick={() => choose(p)}>
            <strong>{state.lang === 'en' ? p.label_en : p.label_zh}</strong><br /><small>{p.role}{p.unit ? ` · ${p.unit}` : ''}</small>
          </button></li>
        ))}</ul>
      )}
    </>
  );
}

function Page({ route }) {
  const [head, a] = route.parts;
  switch (head) {
    case undefined: return <Home />;
    case 'item': return <Item code={a} />;
    case 'life': return <LifeEvent code={a} />;
    case 'book': return <Book code={a} query={route.query} />;
    case 'appointments': return <Appointments />;
    case 'report': return <Report />;
    case 'snap': return <Snap />;
    case 'requests': return a ? <RequestDetail caseNumber={a} /> : <Requests />;
    case 'grid': return <FindGrid />;
    case 'inbox': return <Inbox />;
    case 'work': return <WorkOrder caseNumber={a} />;
    case 'dashboard': return <Dashboard />;
    case 'signin': return <SignIn query={route.query} />;
    default: return <p>404</p>;
  }
}

function App() {
  const { lang, care, session } = useStore();
  const [route, setRoute] = useState(parse());
  useEffect(() => {
    const on = () => { setRoute(parse()); window.scrollTo(0, 0); document.getElementById('main')?.focus(); };
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.documentElement.classList.toggle('care', care);
    document.title = t('site');
  }, [lang, care]);
  const role = session?.person.role;
  const links = role && role !== 'resident'
    ? [['#/inbox', 'inbox'], ...(role === 'command-centre' ? [['#/dashboard', 'dashboard']] : []), ...(role === 'grid-worker' ? [['#/snap', 'snap']] : []), ['#/report', 'report']]
    : [['#/', 'home'], ['#/report', 'report'], ['#/requests', 'requests'], ['#/appointments', 'appointments'], ['#/grid', 'grid']];
  const here = `#/${route.parts[0] || ''}`;
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main').focus(); }}>{t('skip')}</a>
      <header>
        <a class="brand" href="#/">{t('site')}</a>
        <div class="tools">
          <button type="button" onClick={() => update({ lang: lang === 'en' ? 'zh' : 'en' })} lang={lang === 'en' ? 'zh-CN' : 'en'}>{t('lang')}</button>
          <button type="button" aria-pressed={care} onClick={() => update({ care: !care })}>{care ? t('careOff') : t('care')}</button>
          {session
            ? <button type="button" onClick={() => { const { logout } = session; update({ session: null }); if (logout) location.assign(logout); else location.hash = '#/'; }}>{t('signout')} <span class="who">({lang === 'en' ? session.person.label_en : session.person.label_zh})</span></button>
            : <a class="button" href="#/signin">{t('signin')}</a>}
        </div>
        <nav aria-label={t('site')}>
          {links.map(([href, key]) => <a key={href} href={href} aria-current={here === href ? 'page' : undefined}>{t(key)}</a>)}
        </nav>
      </header>
      <main id="main" tabIndex={-1}><Page route={route} /></main>
    </>
  );
}

// Back from Cognito's sign-in pages (/?code=…&state=…): the sign-in page finishes it.
if (callbackParams()) history.replaceState(null, '', `${location.pathname}${location.search}#/signin`);
render(<App />, document.getElementById('app'));
