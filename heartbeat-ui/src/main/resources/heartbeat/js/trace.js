// One message: its summary, the error, each delivery attempt with its processor steps, and archived data.

import {h, fill} from './dom.js';
import * as api from './api.js';
import * as format from './format.js';
import {disabledBanner, stateBadge} from './ui.js';

export async function traceView(context) {
  const messageId = context.match[0];
  const trace = await api.get('/api/traces/' + encodeURIComponent(messageId));
  if (!context.alive()) {
    return {};
  }
  // The flow's state, for its banner when it is disabled; a flow undeployed since has none.
  const flow = await api.get(api.flowPath(trace.ownerId, trace.flowId)).catch(() => null);
  if (!context.alive()) {
    return {};
  }
  const flowHref = `#/flows/${encodeURIComponent(trace.ownerId)}/${encodeURIComponent(trace.flowId)}`;
  const traces = (parameters) => '#/traces' + api.query(parameters);
  fill(context.main,
    h('p', {class: 'crumbs'}, h('a', {href: '#/traces'}, 'Traces'), ' › ', 'Message'),
    h('div', {class: 'view-header'}, h('h1', {}, 'Message ', h('code', {}, trace.messageId)), stateBadge(trace.state)),
    flow && flow.state.status === 'disabled' ? disabledBanner(flow) : null,
    trace.error ? errorBox(trace.error) : null,
    h('section', {class: 'card'}, h('h2', {}, 'Summary'), h('dl', {class: 'facts', id: 'trace-summary'},
      fact('Flow', h('a', {href: flowHref}, `${trace.ownerId}/${trace.flowId}`),
        trace.flowName !== trace.flowId ? ` (${trace.flowName})` : null),
      fact('State', format.stateName(trace.state)),
      fact('Start', h('span', {title: trace.start}, format.preciseTime(trace.start))),
      fact('End', trace.end ? h('span', {title: trace.end}, format.preciseTime(trace.end)) : 'still in flight'),
      fact('Processing time', format.millis(trace.processingTimeMs)),
      fact('Correlation id', h('a', {href: traces({correlationId: trace.correlationId, range: '7d'})},
        trace.correlationId)),
      trace.originalMessageId ? fact('Handed on from', h('a', {href: '#/traces/'
        + encodeURIComponent(trace.originalMessageId)}, trace.originalMessageId)) : null,
      fact('Source', trace.origin),
      fact('Caller', trace.principal || 'anonymous or public'),
      fact('Size', format.bytes(trace.messageSize)))),
    h('section', {class: 'card', id: 'attempts'}, h('h2', {}, 'Delivery attempts'),
      trace.attempts.length === 0
        ? h('p', {class: 'muted'}, 'None: the message was refused before its flow ran.')
        : trace.attempts.map(attemptPart)));
  return {};
}

function fact(name, ...value) {
  return [h('dt', {}, name), h('dd', {}, ...value)];
}

function errorBox(error) {
  return h('section', {class: 'banner banner-error', id: 'trace-error', 'aria-labelledby': 'error-title'},
    h('h2', {id: 'error-title'}, error.processorId
      ? ['Failed in processor ', h('code', {id: 'failing-processor'}, error.processorId)]
      : 'Failed'),
    h('p', {class: 'error-message'}, error.message),
    h('p', {class: 'muted'}, `Category ${error.category}, type ${error.type}`));
}

/** An ISO-8601 instant in microseconds since the epoch; Date alone keeps only milliseconds. */
function micros(instant) {
  const [, whole, fraction] = /^(.*?)(?:\.(\d+))?Z$/.exec(instant);
  return Date.parse(whole + 'Z') * 1000 + Number((fraction || '').padEnd(6, '0').slice(0, 6));
}

function attemptPart(attempt) {
  const start = micros(attempt.start);
  return h('div', {class: 'attempt', dataset: {attempt: attempt.number}},
    h('h3', {}, `Attempt ${attempt.number}`, h('span', {class: 'muted'}, ` started ${format.preciseTime(attempt.start)}`)),
    attempt.steps.length === 0 ? h('p', {class: 'muted'}, 'No processor ran.') : h('div', {class: 'table-scroll'},
      h('table', {class: 'steps'},
        h('caption', {class: 'visually-hidden'}, `Processor steps of attempt ${attempt.number}`),
        h('thead', {}, h('tr', {}, ['#', 'Processor', 'Type', 'Started after', 'Duration', 'Outcome']
          .map((name) => h('th', {scope: 'col'}, name)))),
        h('tbody', {}, attempt.steps.map((step, index) => h('tr', {
          class: step.outcome === 'FAILED' ? 'step-failed' : null,
          dataset: {processor: step.processorId, outcome: step.outcome}},
        h('td', {class: 'number'}, index + 1),
        h('th', {scope: 'row'}, h('code', {}, step.processorId)),
        h('td', {}, step.processorType),
        h('td', {class: 'number'}, format.micros(Math.max(0, micros(step.start) - start))),
        h('td', {class: 'number'}, format.micros(step.durationMicros)),
        h('td', {}, stateBadge(step.outcome))))))),
    attempt.steps.filter(archived).map(archive));
}

function archived(step) {
  return step.payloadBefore || step.payloadAfter || step.properties;
}

function archive(step) {
  return h('details', {class: 'archive', dataset: {archive: step.processorId}},
    h('summary', {}, `Archived data of `, h('code', {}, step.processorId)),
    step.payloadBefore ? payload('Payload before', step.payloadBefore) : null,
    step.payloadAfter ? payload('Payload after', step.payloadAfter) : null,
    step.properties ? h('div', {}, h('h4', {}, 'Exchange properties'), propertyTable(step.properties)) : null);
}

function payload(title, archivedPayload) {
  let content = archivedPayload.content;
  if (archivedPayload.kind === 'json' && !archivedPayload.truncated) {
    try {
      content = JSON.stringify(JSON.parse(content), null, 2);
    } catch (e) {
      // Shown as stored.
    }
  }
  const note = `${archivedPayload.kind}, ${format.bytes(archivedPayload.sizeBytes)}`
    + (archivedPayload.truncated ? ', cut short' : '') + (archivedPayload.kind === 'binary' ? ', base64' : '');
  return h('div', {}, h('h4', {}, title, h('span', {class: 'muted'}, ` (${note})`)),
    archivedPayload.kind === 'none' ? h('p', {class: 'muted'}, 'No payload.') : h('pre', {tabindex: 0}, content));
}

function propertyTable(properties) {
  return h('div', {class: 'table-scroll'}, h('table', {class: 'properties'},
    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Name'), h('th', {scope: 'col'}, 'Value'))),
    h('tbody', {}, Object.entries(properties).map(([name, value]) => h('tr', {},
      h('th', {scope: 'row'}, h('code', {}, name)),
      h('td', {}, h('code', {}, typeof value === 'string' ? value : JSON.stringify(value))))))));
}
