// How numbers, times and states are shown.

const NUMBER = new Intl.NumberFormat('en');

export function count(value) {
  return NUMBER.format(value);
}

const pad = (value, width = 2) => String(value).padStart(width, '0');

/** A time in the browser's time zone: 2026-11-23 13:09:13. */
export function time(value) {
  const date = value instanceof Date ? value : new Date(value);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} `
    + `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A time with its milliseconds: 2026-11-23 13:09:13.471. */
export function preciseTime(value) {
  const date = new Date(value);
  return `${time(date)}.${pad(date.getMilliseconds(), 3)}`;
}

/** Hours and minutes, or the day too when the range is longer than a day. */
export function axisTime(date, withDay) {
  const clock = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return withDay ? `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${clock}` : clock;
}

/** A duration in milliseconds: '2.412 ms', '1.2 s'. */
export function millis(value) {
  if (value === undefined || value === null) {
    return '–';
  }
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(3)} ms`;
}

export function micros(value) {
  return millis(value / 1000);
}

/** A byte size. */
export function bytes(value) {
  if (value < 1024) {
    return `${value} B`;
  }
  return value < 1024 * 1024 ? `${(value / 1024).toFixed(1)} KiB` : `${(value / 1024 / 1024).toFixed(1)} MiB`;
}

const STATE_NAMES = {
  IN_FLIGHT: 'In flight', COMPLETED: 'Completed', FAILED: 'Failed', REJECTED: 'Rejected', FILTERED: 'Filtered',
};

/** The state as people read it. */
export function stateName(state) {
  return STATE_NAMES[state] || state;
}

/** When something happened, with who: 'by ops-anna on 2026-11-23 13:09:13'. */
export function byWhom(changedBy, changedAt) {
  return `by ${changedBy} on ${time(changedAt)}`;
}
