// Heartbeat: the shell (login, navigation, auto-refresh) and the router of its views.

import {h, fill} from './dom.js';
import * as api from './api.js';
import {overviewView} from './overview.js';
import {flowsView} from './flows.js';
import {flowView} from './flow.js';
import {tracesView} from './traces.js';
import {traceView} from './trace.js';

const ROUTES = [
  {pattern: /^\/overview$/, nav: 'overview', view: overviewView},
  {pattern: /^\/flows$/, nav: 'flows', view: flowsView},
  {pattern: /^\/flows\/([^/]+)\/([^/]+)(?:\/(overview|spec|docs|traces))?$/, nav: 'flows', view: flowView},
  {pattern: /^\/traces$/, nav: 'traces', view: tracesView},
  {pattern: /^\/traces\/([^/]+)$/, nav: 'traces', view: traceView},
];
const REFRESH_KEY = 'heartbeat.autoRefresh';

const main = document.getElementById('main');
const shell = {session: null, view: null, generation: 0, timer: null};

/** Goes to a view: navigate('/traces', {state: 'FAILED'}). */
export function navigate(path, params = {}) {
  location.hash = '#' + path + api.query(params);
}

/** The path and parameters of the address. */
function current() {
  const hash = location.hash.replace(/^#/, '') || '/overview';
  const [path, search] = hash.split('?');
  return {path, params: new URLSearchParams(search || '')};
}

async function start() {
  document.getElementById('skip').addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  document.getElementById('logout').addEventListener('click', logout);
  const refresh = document.getElementById('auto-refresh');
  refresh.value = localStorage.getItem(REFRESH_KEY) || '0';
  refresh.addEventListener('change', () => {
    localStorage.setItem(REFRESH_KEY, refresh.value);
    schedule();
  });
  window.addEventListener('hashchange', route);
  window.addEventListener('heartbeat:unauthorized', () => showLogin('Your session has ended; log in again.'));
  try {
    signedIn(await api.get('/api/session'));
  } catch (error) {
    if (error.status === 401) {
      showLogin();
    } else {
      fill(main, h('p', {class: 'error', role: 'alert'}, error.message));
    }
  }
}

function signedIn(session) {
  shell.session = session;
  api.setCsrfToken(session.csrfToken || null);
  document.getElementById('user').textContent = `${session.name} (${session.role})`;
  document.body.classList.remove('logged-out');
  document.getElementById('session').hidden = false;
  schedule();
  route();
}

function showLogin(message) {
  stopView();
  shell.session = null;
  api.setCsrfToken(null);
  document.body.classList.add('logged-out');
  document.getElementById('session').hidden = true;
  const name = h('input', {id: 'login-name', name: 'name', autocomplete: 'username', required: true});
  const password = h('input', {id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true});
  const error = h('p', {class: 'field-error', id: 'login-error', role: 'alert'}, message || '');
  const form = h('form', {class: 'login card', onsubmit: login, novalidate: true},
    h('h1', {}, 'Log in to Heartbeat'),
    h('p', {class: 'muted'}, 'Use a management user of this flow server.'),
    h('label', {for: 'login-name'}, 'Name'), name,
    h('label', {for: 'login-password'}, 'Password'), password,
    error,
    h('button', {type: 'submit', class: 'primary'}, 'Log in'));
  fill(main, form);
  name.focus();

  async function login(event) {
    event.preventDefault();
    if (!name.value.trim() || !password.value) {
      error.textContent = 'Enter your name and password.';
      return;
    }
    try {
      signedIn(await api.post('/api/session', {name: name.value.trim(), password: password.value}));
    } catch (failure) {
      error.textContent = failure.message;
      password.select();
    }
  }
}

async function logout() {
  try {
    await api.call('DELETE', '/api/session');
  } finally {
    showLogin('You are logged out.');
  }
}

function stopView() {
  shell.generation++;
  if (shell.view && shell.view.dispose) {
    shell.view.dispose();
  }
  shell.view = null;
}

/** Shows the view of the address. */
async function route() {
  if (!shell.session) {
    return;
  }
  stopView();
  const generation = shell.generation;
  const {path, params} = current();
  const found = ROUTES.map((candidate) => ({candidate, match: candidate.pattern.exec(path)}))
    .find((entry) => entry.match);
  for (const link of document.querySelectorAll('[data-nav]')) {
    const active = found && link.dataset.nav === found.candidate.nav;
    link.classList.toggle('active', active);
    if (active) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  if (!found) {
    fill(main, h('h1', {}, 'Not found'), h('p', {}, `Heartbeat has no page '${path}'. `,
      h('a', {href: '#/overview'}, 'Go to the overview.')));
    return;
  }
  main.replaceChildren();
  const context = {
    main,
    match: found.match.slice(1).map((part) => (part === undefined ? undefined : decodeURIComponent(part))),
    params,
    session: shell.session,
    navigate,
    /** Replaces some of the view's parameters (null removes one) and shows the view again. */
    update(changes) {
      const next = Object.fromEntries(params.entries());
      Object.assign(next, changes);
      navigate(path, next);
    },
    alive: () => generation === shell.generation,
  };
  try {
    const view = await found.candidate.view(context);
    if (context.alive()) {
      shell.view = view || null;
    }
  } catch (error) {
    if (context.alive() && error.status !== 401) {
      main.append(h('p', {class: 'error', role: 'alert'}, error.message));
    }
  }
  const heading = main.querySelector('h1');
  if (heading && context.alive() && document.activeElement === document.body) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({preventScroll: true});
  }
}

/** Auto-refresh: the view's data again every so often, while the page is visible and no dialog is open. */
function schedule() {
  clearInterval(shell.timer);
  const seconds = Number(document.getElementById('auto-refresh').value);
  if (seconds > 0) {
    shell.timer = setInterval(() => {
      if (!document.hidden && !document.querySelector('dialog[open]') && shell.view && shell.view.refresh) {
        shell.view.refresh();
      }
    }, seconds * 1000);
  }
}

start();
