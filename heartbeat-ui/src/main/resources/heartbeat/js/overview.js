// The overview: counts of a time range, the chart of messages over time, the latest failures, disabled flows.

import {h, fill} from './dom.js';
import * as api from './api.js';
import * as format from './format.js';
import {readRange, rangeParams, rangePicker, resolve, describeRange} from './range.js';
import {timelineChart} from './chart.js';
import {countTiles, disabledBanner, loadError, stateBadge, updatedNow} from './ui.js';

const LATEST_FAILURES = 5;

export async function overviewView(context) {
  const range = readRange(context.params);
  const updated = h('span', {class: 'updated muted', id: 'updated'});
  const banners = h('div', {class: 'banners'});
  const counts = h('div', {id: 'counts', 'aria-live': 'polite'});
  const chart = h('div', {id: 'chart'});
  const failures = h('div', {id: 'latest-failures'});
  fill(context.main,
    h('div', {class: 'view-header'},
      h('h1', {}, 'Overview'),
      h('div', {class: 'view-tools'},
        rangePicker(range, (next) => context.update(rangeParams(next))),
        h('button', {type: 'button', id: 'refresh', onclick: load}, 'Refresh'),
        updated)),
    banners,
    h('section', {'aria-labelledby': 'counts-title'},
      h('h2', {id: 'counts-title', class: 'visually-hidden'}, `Messages, ${describeRange(range)}`), counts),
    h('section', {class: 'card', 'aria-labelledby': 'chart-title'},
      h('h2', {id: 'chart-title'}, 'Messages over time'), chart),
    h('section', {class: 'card', 'aria-labelledby': 'failures-title'},
      h('h2', {id: 'failures-title'}, 'Latest failures'), failures));
  const traceLink = (state) => '#/traces' + api.query({state, ...rangeParams(range)});

  await load();
  return {refresh: load};

  async function load() {
    const {from, to, buckets} = resolve(range);
    const period = {from: from.toISOString(), to: to.toISOString()};
    const [stats, timeline, latest, flows] = await Promise.allSettled([
      api.get('/api/stats' + api.query(period)),
      api.get('/api/stats/timeline' + api.query({...period, buckets})),
      api.get('/api/traces' + api.query({...period, state: 'FAILED,REJECTED', limit: LATEST_FAILURES})),
      api.get('/api/flows'),
    ]);
    if (!context.alive()) {
      return;
    }
    fill(counts, stats.status === 'fulfilled' ? countTiles(stats.value, traceLink) : loadError(stats.reason));
    fill(chart, timeline.status === 'fulfilled' ? timelineChart(timeline.value, `Messages, ${describeRange(range)}`)
      : loadError(timeline.reason));
    fill(failures, latest.status === 'fulfilled' ? failureList(latest.value.traces, traceLink)
      : loadError(latest.reason));
    fill(banners, flows.status === 'fulfilled'
      ? flows.value.flows.filter((flow) => flow.state.status === 'disabled').map(disabledBanner)
      : loadError(flows.reason));
    updatedNow(updated);
  }
}

function failureList(traces, traceLink) {
  if (traces.length === 0) {
    return h('p', {class: 'muted'}, 'No failed or rejected messages in this range.');
  }
  return h('div', {class: 'table-scroll'}, h('table', {},
    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Time'), h('th', {scope: 'col'}, 'Flow'),
      h('th', {scope: 'col'}, 'State'), h('th', {scope: 'col'}, 'Error'))),
    h('tbody', {}, traces.map((trace) => h('tr', {},
      h('td', {}, h('a', {href: `#/traces/${encodeURIComponent(trace.messageId)}`,
        'aria-label': `Message ${trace.messageId} at ${format.time(trace.start)}`}, format.time(trace.start))),
      h('td', {}, h('a', {href: `#/flows/${encodeURIComponent(trace.ownerId)}/${encodeURIComponent(trace.flowId)}`},
        `${trace.ownerId}/${trace.flowId}`)),
      h('td', {}, stateBadge(trace.state)),
      h('td', {class: 'error-text'}, trace.error ? trace.error.message : '–'))))),
  h('p', {}, h('a', {href: traceLink('FAILED,REJECTED')}, 'All failed and rejected messages of this range')));
}
