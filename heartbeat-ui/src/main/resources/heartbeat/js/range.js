// The time range every view shows: a preset (last 15 minutes, hour, 24 hours, 7 days) or a custom range.

import {h} from './dom.js';

const MINUTE = 60 * 1000;

export const PRESETS = [
  {id: '15m', label: 'Last 15 minutes', length: 15 * MINUTE, buckets: 30},
  {id: '1h', label: 'Last hour', length: 60 * MINUTE, buckets: 60},
  {id: '24h', label: 'Last 24 hours', length: 24 * 60 * MINUTE, buckets: 48},
  {id: '7d', label: 'Last 7 days', length: 7 * 24 * 60 * MINUTE, buckets: 56},
];
const DEFAULT = '1h';
const CUSTOM_BUCKETS = 60;

/** The range of a view's parameters: {id} for a preset, {id: 'custom', from, to} (Dates) for a custom one. */
export function readRange(params) {
  const id = params.get('range') || DEFAULT;
  if (id === 'custom') {
    const from = new Date(params.get('from'));
    const to = new Date(params.get('to'));
    if (!isNaN(from) && !isNaN(to) && from < to) {
      return {id, from, to};
    }
  }
  return {id: PRESETS.some((preset) => preset.id === id) ? id : DEFAULT};
}

/** The parameters that say the range in a view's address. */
export function rangeParams(range) {
  return range.id === 'custom'
    ? {range: 'custom', from: range.from.toISOString(), to: range.to.toISOString()}
    : {range: range.id === DEFAULT ? null : range.id, from: null, to: null};
}

/** The range as instants, a preset ending now, and how many chart buckets suit it. */
export function resolve(range) {
  if (range.id === 'custom') {
    return {from: range.from, to: range.to, buckets: CUSTOM_BUCKETS};
  }
  const preset = PRESETS.find((candidate) => candidate.id === range.id);
  const to = new Date();
  return {from: new Date(to.getTime() - preset.length), to, buckets: preset.buckets};
}

/** What the range is called: 'Last hour', or the custom range's ends. */
export function describeRange(range) {
  if (range.id === 'custom') {
    return `${localInput(range.from).replace('T', ' ')} to ${localInput(range.to).replace('T', ' ')}`;
  }
  return PRESETS.find((preset) => preset.id === range.id).label;
}

/** The value of a datetime-local input for a Date, in the browser's time zone. */
function localInput(date) {
  const pad = (value) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:`
    + pad(date.getMinutes());
}

/**
 * The range picker: a list of presets and 'Custom range…', which shows a start and an end. On its own it calls
 * onChange with the new range (a custom one once applied). Inside a form (embedded), it has no Apply button:
 * the form reads it with the element's read(), which throws an Error saying what is wrong with a custom range.
 */
export function rangePicker(range, onChange, embedded = false) {
  const current = resolve(range);
  const fromInput = h('input', {type: 'datetime-local', id: 'range-from', value: localInput(current.from),
    onkeydown: enter});
  const toInput = h('input', {type: 'datetime-local', id: 'range-to', value: localInput(current.to),
    onkeydown: enter});
  const error = h('p', {class: 'field-error', id: 'range-error', role: 'alert'});
  const custom = h('div', {class: 'custom-range', role: 'group', 'aria-label': 'Custom range',
    hidden: range.id !== 'custom'},
  h('label', {for: 'range-from'}, 'From'), fromInput,
  h('label', {for: 'range-to'}, 'To'), toInput,
  embedded ? null : h('button', {type: 'button', id: 'range-apply', onclick: apply}, 'Apply'), error);
  const select = h('select', {id: 'range', 'aria-label': 'Time range', onchange: choose},
    PRESETS.map((preset) => h('option', {value: preset.id, selected: preset.id === range.id}, preset.label)),
    h('option', {value: 'custom', selected: range.id === 'custom'}, 'Custom range…'));
  const picker = h('div', {class: 'range-picker'}, select, custom);
  picker.read = read;
  return picker;

  function choose() {
    custom.hidden = select.value !== 'custom';
    if (select.value === 'custom') {
      fromInput.focus();
    } else if (!embedded) {
      onChange({id: select.value});
    }
  }

  /** The range chosen. */
  function read() {
    if (select.value !== 'custom') {
      return {id: select.value};
    }
    const from = new Date(fromInput.value);
    const to = new Date(toInput.value);
    if (!fromInput.value || !toInput.value || isNaN(from) || isNaN(to)) {
      throw new Error('Give the custom range both a start and an end.');
    }
    if (from >= to) {
      throw new Error('The custom range must start before it ends.');
    }
    return {id: 'custom', from, to};
  }

  function apply() {
    try {
      const chosen = read();
      error.textContent = '';
      onChange(chosen);
    } catch (failure) {
      error.textContent = failure.message;
    }
  }

  function enter(event) {
    if (event.key === 'Enter' && !embedded) {
      event.preventDefault();
      apply();
    }
  }
}
