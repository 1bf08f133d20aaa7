// Every deployed flow: owner, source, state, message counts of the range; search by id, group by owner.

import {h, fill} from './dom.js';
import * as api from './api.js';
import * as format from './format.js';
import {readRange, rangeParams, rangePicker, resolve} from './range.js';
import {disabledBanner, loadError, mayOperate, stateButton, updatedNow} from './ui.js';

const PAGE_SIZE = 50;
const NO_COUNTS = {inFlight: 0, completed: 0, failed: 0, rejected: 0, total: 0};

export async function flowsView(context) {
  const range = readRange(context.params);
  let search = context.params.get('q') || '';
  let grouped = context.params.get('group') === 'owner';
  let page = 0;
  let flows = [];
  let counts = new Map();
  const updated = h('span', {class: 'updated muted'});
  const table = h('div', {id: 'flows-table'});
  const searchInput = h('input', {type: 'search', id: 'flow-search', value: search, placeholder: 'e.g. orders',
    oninput: () => {
      search = searchInput.value.trim();
      page = 0;
      remember();
      render();
    }});
  const groupBox = h('input', {type: 'checkbox', id: 'group-by-owner', checked: grouped, onchange: () => {
    grouped = groupBox.checked;
    remember();
    render();
  }});
  fill(context.main,
    h('div', {class: 'view-header'},
      h('h1', {}, 'Flows'),
      h('div', {class: 'view-tools'},
        rangePicker(range, (next) => context.update(rangeParams(next))),
        h('button', {type: 'button', onclick: load}, 'Refresh'),
        updated)),
    h('div', {class: 'filters'},
      h('label', {for: 'flow-search'}, 'Search by id'), searchInput,
      h('label', {class: 'check'}, groupBox, 'Group by owner')),
    table);

  await load();
  return {refresh: load};

  /** Keeps the search and grouping in the address without showing the view again. */
  function remember() {
    const params = new URLSearchParams(context.params);
    search ? params.set('q', search) : params.delete('q');
    grouped ? params.set('group', 'owner') : params.delete('group');
    const text = params.toString();
    history.replaceState(null, '', '#/flows' + (text ? '?' + text : ''));
  }

  async function load() {
    const {from, to} = resolve(range);
    const [list, stats] = await Promise.allSettled([
      api.get('/api/flows'),
      api.get('/api/stats' + api.query({from: from.toISOString(), to: to.toISOString()})),
    ]);
    if (!context.alive()) {
      return;
    }
    if (list.status === 'rejected') {
      fill(table, loadError(list.reason));
      return;
    }
    flows = list.value.flows;
    counts = new Map(stats.status === 'fulfilled'
      ? stats.value.flows.map((flow) => [`${flow.ownerId}/${flow.flowId}`, flow]) : []);
    render();
    if (stats.status === 'rejected') {
      table.prepend(loadError(stats.reason));
    }
    updatedNow(updated);
  }

  function render() {
    const needle = search.toLowerCase();
    const shown = flows.filter((flow) => `${flow.ownerId}/${flow.id}`.toLowerCase().includes(needle));
    if (flows.length === 0) {
      fill(table, h('p', {class: 'muted'}, 'No flow is deployed.'));
      return;
    }
    if (shown.length === 0) {
      fill(table, h('p', {class: 'muted'}, `No flow's id contains '${search}'.`));
      return;
    }
    const pages = Math.ceil(shown.length / PAGE_SIZE);
    page = Math.min(page, pages - 1);
    const slice = shown.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    const operate = mayOperate(context.session);
    const columns = ['Flow', 'Owner', 'Source', 'State', 'Messages', 'Failed'].concat(operate ? ['Action'] : []);
    const bodies = grouped ? groups(slice) : [[null, slice]];
    fill(table,
      h('div', {class: 'table-scroll'}, h('table', {class: 'flows'},
        h('caption', {class: 'visually-hidden'}, 'Deployed flows'),
        h('thead', {}, h('tr', {}, columns.map((name) => h('th', {scope: 'col'}, name)))),
        bodies.map(([owner, members]) => h('tbody', {},
          owner ? h('tr', {class: 'group'}, h('th', {scope: 'rowgroup', colspan: columns.length},
            `${owner} (${members.length} ${members.length === 1 ? 'flow' : 'flows'})`)) : null,
          members.map((flow) => rows(flow, columns.length, operate)))))),
      pages > 1 ? pager(pages) : null);
  }

  function groups(list) {
    const byOwner = new Map();
    for (const flow of list) {
      byOwner.set(flow.ownerId, [...(byOwner.get(flow.ownerId) || []), flow]);
    }
    return [...byOwner.entries()];
  }

  function rows(flow, width, operate) {
    const key = `${flow.ownerId}/${flow.id}`;
    const stats = counts.get(key) || NO_COUNTS;
    const traces = (state) => '#/traces' + api.query({flow: key, state, ...rangeParams(range)});
    const row = h('tr', {dataset: {flow: key}},
      h('th', {scope: 'row'}, h('a', {href: `#/flows/${encodeURIComponent(flow.ownerId)}/${encodeURIComponent(flow.id)}`},
        flow.id)),
      h('td', {}, flow.ownerId),
      h('td', {}, sourceType(flow)),
      h('td', {}, flow.state.status === 'disabled' ? h('span', {class: 'badge badge-disabled'}, 'Disabled')
        : h('span', {class: 'badge badge-enabled'}, 'Enabled'),
      flow.deployment.status === 'failed' ? h('span', {class: 'badge badge-failed', title: flow.deployment.error},
        'Not running') : null),
      h('td', {class: 'number'}, h('a', {href: traces(null), 'aria-label': `${stats.total} messages of ${key}`},
        format.count(stats.total))),
      h('td', {class: 'number'}, stats.failed > 0 ? h('a', {href: traces('FAILED'), class: 'failed-count'},
        format.count(stats.failed)) : '0'),
      operate ? h('td', {}, stateButton(flow, context.session, changed)) : null);
    if (flow.state.status !== 'disabled') {
      return row;
    }
    return [row, h('tr', {class: 'banner-row'}, h('td', {colspan: width}, disabledBanner(flow)))];
  }

  function changed(flow) {
    flows = flows.map((old) => (old.ownerId === flow.ownerId && old.id === flow.id ? flow : old));
    render();
    const button = table.querySelector(`tr[data-flow="${flow.ownerId}/${flow.id}"] button`);
    if (button) {
      button.focus();
    }
  }

  function pager(pages) {
    const go = (next) => () => {
      page = next;
      render();
      table.querySelector('table').scrollIntoView({block: 'start'});
    };
    return h('nav', {class: 'pager', 'aria-label': 'Pages of flows'},
      h('button', {type: 'button', disabled: page === 0, onclick: go(page - 1)}, 'Previous page'),
      h('span', {}, `Page ${page + 1} of ${pages}`),
      h('button', {type: 'button', disabled: page >= pages - 1, onclick: go(page + 1)}, 'Next page'));
  }
}

/** The source type of a flow: restApi, 'restApi (OpenAPI)', handoff. */
export function sourceType(flow) {
  const source = (flow.spec && flow.spec.processors && flow.spec.processors[0]) || {};
  if (source.type === 'restApi' && source.apiSpecId) {
    return 'restApi (OpenAPI)';
  }
  return source.type || 'unknown';
}
