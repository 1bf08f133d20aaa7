// Message traces: a table with filters (flow, state, time range, message id, correlation id), paging and CSV.

import {h, fill} from './dom.js';
import * as api from './api.js';
import * as format from './format.js';
import {readRange, rangeParams, rangePicker, resolve} from './range.js';
import {OUTCOMES, disabledBanner, stateBadge} from './ui.js';

const PAGE_SIZES = [25, 50, 100];

export async function tracesView(context) {
  const panel = h('div', {});
  fill(context.main, h('div', {class: 'view-header'}, h('h1', {}, 'Traces')), panel);
  return tracesPanel(panel, context, null);
}

/**
 * The trace list in a container: of every flow, or of one (fixedFlow 'owner/id', as on a flow's Traces tab).
 * Its filters live in the view's address, so that a count elsewhere can link to a filtered list.
 */
export async function tracesPanel(container, context, fixedFlow) {
  const params = context.params;
  const range = readRange(params);
  const flow = fixedFlow || params.get('flow') || '';
  const states = new Set((params.get('state') || '').split(',').filter(Boolean));
  const limit = PAGE_SIZES.includes(Number(params.get('limit'))) ? Number(params.get('limit')) : PAGE_SIZES[0];
  const cursors = [];
  let period = null;
  let next = null;

  const flowSelect = fixedFlow ? null : h('select', {id: 'filter-flow', name: 'flow'},
    h('option', {value: ''}, 'Every flow'), flow ? h('option', {value: flow, selected: true}, flow) : null);
  const stateBoxes = OUTCOMES.map((outcome) => h('label', {class: 'check'},
    h('input', {type: 'checkbox', name: 'state', value: outcome.state, checked: states.has(outcome.state),
      dataset: {state: outcome.state}}), outcome.label));
  const messageId = h('input', {id: 'filter-message', name: 'messageId', value: params.get('messageId') || '',
    spellcheck: 'false', autocomplete: 'off'});
  const correlationId = h('input', {id: 'filter-correlation', name: 'correlationId',
    value: params.get('correlationId') || '', spellcheck: 'false', autocomplete: 'off'});
  const pageSize = h('select', {id: 'filter-limit', name: 'limit'},
    PAGE_SIZES.map((size) => h('option', {value: size, selected: size === limit}, `${size} per page`)));
  const error = h('p', {class: 'field-error', role: 'alert', id: 'filter-error'});
  const table = h('div', {id: 'traces-table', 'aria-live': 'polite'});
  const download = h('a', {class: 'button', id: 'download-csv', download: 'traces.csv'}, 'Download CSV');
  const pager = h('nav', {class: 'pager', 'aria-label': 'Pages of traces'});
  const banner = h('div', {});
  const picker = rangePicker(range, () => {}, true);

  fill(container,
    h('form', {class: 'filters card', id: 'trace-filters', onsubmit: apply},
      h('fieldset', {},
        h('legend', {}, 'Filters'),
        flowSelect ? h('div', {class: 'field'}, h('label', {for: 'filter-flow'}, 'Flow'), flowSelect) : null,
        h('div', {class: 'field'}, h('span', {class: 'label', id: 'state-label'}, 'State'),
          h('div', {class: 'checks', role: 'group', 'aria-labelledby': 'state-label'}, stateBoxes)),
        h('div', {class: 'field'}, h('span', {class: 'label'}, 'Time range'),
          picker),
        h('div', {class: 'field'}, h('label', {for: 'filter-message'}, 'Message id'), messageId),
        h('div', {class: 'field'}, h('label', {for: 'filter-correlation'}, 'Correlation id'), correlationId),
        h('div', {class: 'field'}, h('label', {for: 'filter-limit'}, 'Page size'), pageSize)),
      error,
      h('div', {class: 'actions'},
        h('button', {type: 'submit', class: 'primary', id: 'apply-filters'}, 'Apply filters'),
        h('button', {type: 'button', onclick: clear}, 'Clear filters'),
        download)),
    banner, table, pager);
  if (flowSelect) {
    fillFlows();
  }

  await load(null);
  return {};

  async function fillFlows() {
    try {
      const list = await api.get('/api/flows');
      for (const known of list.flows) {
        const key = `${known.ownerId}/${known.id}`;
        if (key !== flow) {
          flowSelect.append(h('option', {value: key}, key));
        } else if (known.state.status === 'disabled' && context.alive()) {
          fill(banner, disabledBanner(known));
        }
      }
    } catch (failure) {
      // The list can still be filtered by the flow of the address.
    }
  }

  function apply(event) {
    event.preventDefault();
    let pickedRange;
    try {
      pickedRange = picker.read();
    } catch (failure) {
      error.textContent = failure.message;
      return;
    }
    const picked = stateBoxes.map((label) => label.querySelector('input')).filter((box) => box.checked)
      .map((box) => box.value);
    context.update({
      flow: fixedFlow ? null : (flowSelect.value || null),
      state: picked.length ? picked.join(',') : null,
      messageId: messageId.value.trim() || null,
      correlationId: correlationId.value.trim() || null,
      limit: Number(pageSize.value) === PAGE_SIZES[0] ? null : pageSize.value,
      ...rangeParams(pickedRange),
    });
  }

  function clear() {
    context.update({flow: null, state: null, messageId: null, correlationId: null, limit: null, range: null,
      from: null, to: null});
  }

  /** The API's filters of this list. */
  function filters() {
    const [ownerId, flowId] = flow ? flow.split('/') : [null, null];
    return {ownerId, flowId, state: [...states].join(',') || null, from: period.from.toISOString(),
      to: period.to.toISOString(), messageId: params.get('messageId'), correlationId: params.get('correlationId')};
  }

  /** Loads a page: the first (cursor null), or the one after a cursor. */
  async function load(cursor) {
    if (period === null) {
      period = resolve(range);
      download.href = '/api/traces/export' + api.query(filters());
    }
    let page;
    try {
      page = await api.get('/api/traces' + api.query({...filters(), limit, cursor}));
    } catch (failure) {
      if (context.alive()) {
        // A filter the server refuses is explained beside the filters; the list stays empty.
        error.textContent = failure.message;
        table.replaceChildren();
        pager.replaceChildren();
      }
      return;
    }
    if (!context.alive()) {
      return;
    }
    next = page.nextCursor || null;
    render(page.traces);
  }

  function render(traces) {
    if (traces.length === 0 && cursors.length === 0) {
      fill(table, h('p', {class: 'muted', id: 'no-traces'}, 'No message matches these filters.'));
      pager.replaceChildren();
      return;
    }
    fill(table, h('div', {class: 'table-scroll'}, h('table', {class: 'traces'},
      h('caption', {class: 'visually-hidden'}, 'Message traces, newest first'),
      h('thead', {}, h('tr', {}, ['Start time', 'Processing time', 'Flow', 'State', 'Message id', 'Correlation id']
        .map((name) => h('th', {scope: 'col'}, name)))),
      h('tbody', {}, traces.map((trace) => h('tr', {dataset: {message: trace.messageId, state: trace.state}},
        h('td', {title: trace.start}, format.preciseTime(trace.start)),
        h('td', {class: 'number'}, format.millis(trace.processingTimeMs)),
        h('td', {}, h('a', {href: `#/flows/${encodeURIComponent(trace.ownerId)}/${encodeURIComponent(trace.flowId)}`},
          `${trace.ownerId}/${trace.flowId}`)),
        h('td', {}, stateBadge(trace.state)),
        h('td', {class: 'id'}, h('a', {href: `#/traces/${encodeURIComponent(trace.messageId)}`,
          class: 'message-link'}, trace.messageId)),
        h('td', {class: 'id'}, trace.correlationId)))))));
    fill(pager,
      h('button', {type: 'button', id: 'previous-page', disabled: cursors.length === 0, onclick: previous},
        'Previous page'),
      h('span', {id: 'page-number'}, `Page ${cursors.length + 1}`),
      h('button', {type: 'button', id: 'next-page', disabled: next === null, onclick: forward}, 'Next page'));
  }

  async function forward() {
    cursors.push(next);
    await load(next);
  }

  async function previous() {
    cursors.pop();
    await load(cursors.length ? cursors[cursors.length - 1] : null);
  }
}
