// Parts that several views show: counts, states, the disabled banner, disabling and enabling a flow.

import {h, fill} from './dom.js';
import * as api from './api.js';
import * as format from './format.js';

export const OUTCOMES = [
  {key: 'inFlight', state: 'IN_FLIGHT', label: 'In flight'},
  {key: 'completed', state: 'COMPLETED', label: 'Completed'},
  {key: 'failed', state: 'FAILED', label: 'Failed'},
  {key: 'rejected', state: 'REJECTED', label: 'Rejected'},
];

/**
 * The count tiles of a range; each opens the trace list filtered by its state (total: every state).
 * traceLink(state) gives the address of the list; state is null for the total.
 */
export function countTiles(stats, traceLink) {
  const tile = (key, label, state) => h('a', {class: `tile tile-${key}`, href: traceLink(state),
    dataset: {count: key}, 'aria-label': `${label}: ${format.count(stats[key])} messages; show them`},
  h('span', {class: 'tile-label'}, label),
  h('span', {class: 'tile-value'}, format.count(stats[key])));
  return h('div', {class: 'tiles'},
    OUTCOMES.map((outcome) => tile(outcome.key, outcome.label, outcome.state)),
    tile('total', 'Total', null));
}

export function stateBadge(state) {
  return h('span', {class: `badge badge-${state.toLowerCase()}`}, format.stateName(state));
}

/** Whether the user's role may disable and enable flows. */
export function mayOperate(session) {
  return session.role === 'admin' || session.role === 'operator';
}

/** The banner of a disabled flow: why, who and when. */
export function disabledBanner(flow) {
  const state = flow.state;
  return h('div', {class: 'banner banner-disabled', role: 'status', dataset: {banner: `${flow.ownerId}/${flow.id}`}},
    h('strong', {}, `${flow.ownerId}/${flow.id} is disabled`), ': its endpoint answers 503. ',
    h('span', {class: 'banner-reason'}, `Reason: ${state.reason}`), ' ',
    h('span', {class: 'banner-who'}, `(${format.byWhom(state.changedBy, state.changedAt)})`));
}

/** The Disable or Enable button of a flow, for roles that may use it; onChanged gets the flow as it is now. */
export function stateButton(flow, session, onChanged) {
  if (!mayOperate(session)) {
    return null;
  }
  if (flow.state.status === 'disabled') {
    return h('button', {type: 'button', class: 'enable', dataset: {action: 'enable'},
      'aria-label': `Enable ${flow.ownerId}/${flow.id}`, onclick: enable}, 'Enable');
  }
  return h('button', {type: 'button', class: 'danger disable', dataset: {action: 'disable'},
    'aria-label': `Disable ${flow.ownerId}/${flow.id}`, onclick: () => askToDisable(flow, onChanged)}, 'Disable');

  async function enable(event) {
    event.target.disabled = true;
    try {
      onChanged(await api.post(api.flowPath(flow.ownerId, flow.id) + '/enable'));
    } catch (error) {
      notify(error.message);
      event.target.disabled = false;
    }
  }
}

/** Asks for the reason to disable a flow (required), then disables it. */
function askToDisable(flow, onChanged) {
  const opener = document.activeElement;
  const reason = h('textarea', {id: 'disable-reason', rows: 3, maxlength: 1000, required: true,
    'aria-describedby': 'disable-help disable-error'});
  const error = h('p', {class: 'field-error', id: 'disable-error', role: 'alert'});
  const dialog = h('dialog', {class: 'card', 'aria-labelledby': 'disable-title'},
    h('form', {method: 'dialog', onsubmit: submit, novalidate: true},
      h('h2', {id: 'disable-title'}, `Disable ${flow.ownerId}/${flow.id}`),
      h('p', {id: 'disable-help'}, 'Its endpoint will answer 503 to every valid request until it is enabled again. '
        + 'The reason is shown to everyone who looks at the flow.'),
      h('label', {for: 'disable-reason'}, 'Reason (required)'), reason, error,
      h('div', {class: 'actions'},
        h('button', {type: 'button', onclick: () => dialog.close()}, 'Cancel'),
        h('button', {type: 'submit', class: 'danger', dataset: {action: 'confirm-disable'}}, 'Disable'))));
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener && opener.isConnected) {
      opener.focus();
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  reason.focus();

  async function submit(event) {
    event.preventDefault();
    if (!reason.value.trim()) {
      error.textContent = 'A reason is required to disable a flow.';
      reason.focus();
      return;
    }
    try {
      const changed = await api.post(api.flowPath(flow.ownerId, flow.id) + '/disable', {reason: reason.value.trim()});
      dialog.close();
      onChanged(changed);
    } catch (failure) {
      error.textContent = failure.message;
    }
  }
}

/** A message at the top of the page, e.g. when an action failed. */
export function notify(message) {
  const notice = document.getElementById('notice');
  fill(notice, h('p', {}, message, ' ', h('button', {type: 'button', class: 'link',
    onclick: () => notice.replaceChildren()}, 'Dismiss')));
}

/** 'Updated 13:09:13', for views that refresh. */
export function updatedNow(element) {
  element.textContent = `Updated ${format.time(new Date()).slice(11)}`;
}

/** The inline error of a part of a view that could not load. */
export function loadError(error) {
  return h('p', {class: 'error', role: 'alert'}, error.message);
}
