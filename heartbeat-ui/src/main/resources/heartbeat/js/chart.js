// The chart of messages over time by outcome: stacked bars in SVG, one per bucket of the timeline.

import {h, s} from './dom.js';
import * as format from './format.js';

const WIDTH = 800;
const HEIGHT = 220;
const MARGIN = {top: 10, right: 10, bottom: 26, left: 44};
// Bottom to top.
const SERIES = [
  {key: 'completed', label: 'Completed'},
  {key: 'failed', label: 'Failed'},
  {key: 'rejected', label: 'Rejected'},
  {key: 'inFlight', label: 'In flight'},
];

/** The chart of a timeline of GET /api/stats/timeline, with its legend. */
export function timelineChart(timeline, title) {
  const buckets = timeline.buckets;
  const total = (key) => buckets.reduce((sum, bucket) => sum + bucket[key], 0);
  const summary = `${title}: ` + SERIES.map((series) => `${format.count(total(series.key))} ${series.label.toLowerCase()}`)
    .join(', ');
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = niceCeiling(Math.max(1, ...buckets.map((bucket) => bucket.total)));
  const y = (value) => MARGIN.top + plotHeight - (value / max) * plotHeight;
  const step = plotWidth / Math.max(1, buckets.length);
  const barWidth = Math.max(1, step * 0.8);
  const longRange = new Date(timeline.to) - new Date(timeline.from) > 24 * 3600 * 1000;

  const grid = ticks(max).map((value) => {
    return s('g', {class: 'grid'},
      s('line', {x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value)}),
      s('text', {x: MARGIN.left - 6, y: y(value) + 4, 'text-anchor': 'end'}, format.count(value)));
  });
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 6));
  const bars = buckets.map((bucket, index) => {
    const x = MARGIN.left + index * step + (step - barWidth) / 2;
    const start = new Date(bucket.start);
    const end = new Date(Math.min(start.getTime() + timeline.bucketMillis, new Date(timeline.to).getTime()));
    let base = 0;
    const parts = SERIES.filter((series) => bucket[series.key] > 0).map((series) => {
      const top = base + bucket[series.key];
      const rect = s('rect', {class: `bar bar-${series.key}`, x, width: barWidth, y: y(top),
        height: Math.max(0, y(base) - y(top))});
      base = top;
      return rect;
    });
    const label = index % labelEvery === 0
      ? s('text', {class: 'axis', x: MARGIN.left + index * step, y: HEIGHT - 8}, format.axisTime(start, longRange))
      : null;
    const tip = `${format.time(start)} to ${format.time(end).slice(11)}: `
      + SERIES.map((series) => `${bucket[series.key]} ${series.label.toLowerCase()}`).join(', ');
    return s('g', {}, s('title', {}, tip), parts,
      // An invisible full-height bar, so that the tip shows over empty buckets too.
      s('rect', {class: 'hover', x: MARGIN.left + index * step, width: step, y: MARGIN.top, height: plotHeight}),
      label);
  });
  const empty = buckets.every((bucket) => bucket.total === 0)
    ? s('text', {class: 'empty', x: MARGIN.left + plotWidth / 2, y: MARGIN.top + plotHeight / 2, 'text-anchor': 'middle'},
      'No messages in this range')
    : null;
  const svg = s('svg', {class: 'chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': summary}, grid, bars, empty);
  return h('figure', {class: 'chart-figure'},
    h('figcaption', {}, title),
    svg,
    h('ul', {class: 'legend'}, SERIES.map((series) => h('li', {},
      h('span', {class: `swatch bar-${series.key}`, 'aria-hidden': 'true'}), series.label))));
}

/** Whole-number values for the axis from 0 to max, evenly spaced. */
function ticks(max) {
  const parts = max % 4 === 0 ? 4 : max % 2 === 0 ? 2 : 1;
  return Array.from({length: parts + 1}, (_, index) => (max / parts) * index);
}

/** 1, 2 or 5 times a power of ten, at least the value: the top of the axis. */
function niceCeiling(value) {
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * power >= value) {
      return Math.max(4, factor * power);
    }
  }
  return value;
}
