// One flow: its state and the tabs Overview (counts and chart), Flow spec, Documentation and Traces.

import {h, fill} from './dom.js';
import * as api from './api.js';
import * as format from './format.js';
import {readRange, rangeParams, rangePicker, resolve, describeRange} from './range.js';
import {timelineChart} from './chart.js';
import {countTiles, disabledBanner, loadError, stateButton, updatedNow} from './ui.js';
import {sourceType} from './flows.js';
import {specSummary, processorGraph} from './spec.js';
import {swaggerDocumentation} from './docs.js';
import {tracesPanel} from './traces.js';

// Set when a tab was chosen with the keyboard, so that the new view puts the focus back on the tabs.
let focusTabs = false;

export async function flowView(context) {
  const [ownerId, flowId, tabName] = context.match;
  let flow = await api.get(api.flowPath(ownerId, flowId));
  if (!context.alive()) {
    return {};
  }
  const base = `#/flows/${encodeURIComponent(ownerId)}/${encodeURIComponent(flowId)}`;
  const documented = flow.apiSpec !== undefined;
  const tabs = [
    {id: 'overview', label: 'Overview'},
    {id: 'spec', label: 'Flow spec'},
    documented ? {id: 'docs', label: 'Documentation'} : null,
    {id: 'traces', label: 'Traces'},
  ].filter(Boolean);
  const tab = tabs.find((candidate) => candidate.id === tabName) || tabs[0];
  const stateArea = h('div', {id: 'flow-state'});
  const panel = h('div', {class: 'tab-panel', role: 'tabpanel', id: 'tab-panel', 'aria-labelledby': `tab-${tab.id}`});
  const tabLinks = tabs.map((candidate) => h('a', {
    role: 'tab', id: `tab-${candidate.id}`, href: `${base}/${candidate.id}` + keptParams(),
    'aria-selected': String(candidate === tab), tabindex: candidate === tab ? '0' : '-1',
    'aria-controls': 'tab-panel', class: candidate === tab ? 'active' : null}, candidate.label));

  fill(context.main,
    h('p', {class: 'crumbs'}, h('a', {href: '#/flows'}, 'Flows'), ' › ', ownerId),
    h('div', {class: 'view-header'},
      h('h1', {}, flowId, h('span', {class: 'muted owner'}, ` of ${ownerId}`)),
      h('div', {class: 'view-tools', id: 'flow-actions'})),
    flow.spec.description ? h('p', {class: 'description'}, flow.spec.description) : null,
    stateArea,
    h('dl', {class: 'facts inline'},
      h('dt', {}, 'Endpoint'), h('dd', {}, h('code', {}, flow.spec.processors[0].type === 'handoff'
        ? 'none (receives handoffs)' : flow.endpoint + '/…')),
      h('dt', {}, 'Source'), h('dd', {}, sourceType(flow)),
      h('dt', {}, 'Version'), h('dd', {}, String(flow.version)),
      h('dt', {}, 'Deployed'), h('dd', {}, format.time(flow.updatedAt)),
      flow.apiSpec ? [h('dt', {}, 'API spec'), h('dd', {}, h('code', {}, flow.apiSpec.apiSpecId))] : null),
    h('div', {class: 'tabs', role: 'tablist', 'aria-label': `${flowId} views`, onkeydown: arrows}, tabLinks),
    panel);
  showState();
  if (focusTabs) {
    focusTabs = false;
    tabLinks[tabs.indexOf(tab)].focus();
  }

  let view = {};
  if (tab.id === 'overview') {
    view = await overviewTab(panel, context, flow);
  } else if (tab.id === 'spec') {
    fill(panel, h('section', {class: 'card'}, h('h2', {}, 'What this flow does'), specSummary(flow)),
      h('section', {class: 'card'}, h('h2', {}, 'Processors'), processorGraph(flow)),
      h('details', {class: 'card'}, h('summary', {}, 'The flow as JSON'),
        h('pre', {tabindex: 0}, JSON.stringify(flow.spec, null, 2))));
  } else if (tab.id === 'docs') {
    view = await swaggerDocumentation(panel, flow, context);
  } else {
    view = await tracesPanel(panel, context, `${ownerId}/${flowId}`);
  }
  return view;

  function keptParams() {
    const kept = {};
    for (const name of ['range', 'from', 'to']) {
      if (context.params.get(name)) {
        kept[name] = context.params.get(name);
      }
    }
    return api.query(kept);
  }

  function showState() {
    fill(stateArea, flow.state.status === 'disabled' ? disabledBanner(flow) : null,
      flow.deployment.status === 'failed'
        ? h('div', {class: 'banner banner-error'}, `This flow is not running: ${flow.deployment.error}`) : null);
    fill(document.getElementById('flow-actions'), stateButton(flow, context.session, (changed) => {
      flow = changed;
      showState();
      const button = document.querySelector('#flow-actions button');
      if (button) {
        button.focus();
      }
    }));
  }

  /** Left and right arrows (and Home, End) move between the tabs. */
  function arrows(event) {
    const index = tabLinks.indexOf(document.activeElement);
    if (index < 0) {
      return;
    }
    const moves = {ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabLinks.length - 1};
    if (event.key in moves) {
      event.preventDefault();
      const target = tabLinks[(moves[event.key] + tabLinks.length) % tabLinks.length];
      focusTabs = true;
      target.click();
    }
  }
}

async function overviewTab(panel, context, flow) {
  const range = readRange(context.params);
  const updated = h('span', {class: 'updated muted'});
  const counts = h('div', {id: 'flow-counts'});
  const chart = h('div', {id: 'flow-chart'});
  fill(panel,
    h('div', {class: 'view-tools'},
      rangePicker(range, (next) => context.update(rangeParams(next))),
      h('button', {type: 'button', onclick: load}, 'Refresh'), updated),
    counts,
    h('section', {class: 'card'}, h('h2', {}, 'Messages over time'), chart));
  const key = `${flow.ownerId}/${flow.id}`;
  const traceLink = (state) => `#/flows/${encodeURIComponent(flow.ownerId)}/${encodeURIComponent(flow.id)}/traces`
    + api.query({state, ...rangeParams(range)});
  await load();
  return {refresh: load};

  async function load() {
    const {from, to, buckets} = resolve(range);
    const period = {from: from.toISOString(), to: to.toISOString()};
    const [stats, timeline] = await Promise.allSettled([
      api.get(api.flowPath(flow.ownerId, flow.id) + '/stats' + api.query(period)),
      api.get('/api/stats/timeline' + api.query({...period, ownerId: flow.ownerId, flowId: flow.id, buckets})),
    ]);
    if (!context.alive()) {
      return;
    }
    fill(counts, stats.status === 'fulfilled' ? countTiles(stats.value, traceLink) : loadError(stats.reason));
    fill(chart, timeline.status === 'fulfilled'
      ? timelineChart(timeline.value, `Messages of ${key}, ${describeRange(range)}`) : loadError(timeline.reason));
    updatedNow(updated);
  }
}
