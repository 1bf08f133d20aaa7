// A flow spec in plain English, and a graph of its processors.

import {h, s} from './dom.js';

/** The summary: exchange pattern, source, processors in order, dead-letter strategy. */
export function specSummary(flow) {
  const spec = flow.spec;
  const [source, ...processors] = spec.processors;
  const code = (text) => h('code', {}, text);
  return h('div', {class: 'spec-summary', id: 'spec-summary'},
    h('p', {id: 'summary-pattern'}, pattern(spec)),
    h('p', {id: 'summary-source'}, ...sourceSentence(source, flow, code)),
    processors.length === 0
      ? h('p', {}, 'It has no processors after its source: it answers with the request\'s payload.')
      : [h('p', {}, `Then ${processors.length === 1 ? 'one processor handles' : `${processors.length} processors handle`}`
        + ' each message, in this order:'),
      h('ol', {id: 'summary-processors'}, processors.map((processor) => h('li', {},
        code(processor.id), processor.name ? ` (${processor.name})` : '', ': ', ...step(processor, code),
        ...extras(processor))))],
    h('p', {id: 'summary-dead-letter'}, ...deadLetter(spec, code)),
    spec.redeliveryPolicy ? h('p', {}, redelivery(spec.redeliveryPolicy)) : null);
}

function pattern(spec) {
  return spec.exchangePattern === 'OneWay'
    ? 'One way: the caller gets 202 Accepted as soon as its request was read and checked; the flow runs afterwards.'
    : 'Request and response: the caller waits for the flow\'s answer.';
}

function sourceSentence(source, flow, code) {
  if (source.type === 'handoff') {
    return ['It has no endpoint: its source ', code(source.id), ' receives the messages that other flows of ',
      code(flow.ownerId), ' hand to it (handoffs and dead-letter strategies).'];
  }
  if (source.type !== 'restApi') {
    return ['Its source ', code(source.id), ` is a ${source.type}.`];
  }
  const sentence = ['Its source ', code(source.id), ' receives HTTP requests at ', code(flow.endpoint + '/…')];
  if (source.apiSpecId) {
    sentence.push(' for the operations of the OpenAPI spec ', code(flow.apiSpec ? flow.apiSpec.apiSpecId
      : source.apiSpecId), ', and validates each request against it');
    sentence.push(source.validateResponse ? ' (and each response).' : '.');
  } else {
    sentence.push(', any method and path (a generic endpoint).');
  }
  sentence.push(source.access === 'PUBLIC' ? ' Anyone may call it, without credentials.'
    : ' Only service accounts granted the flow may call it.');
  sentence.push(source.forwardMessagePreprocessingErrors === false
    ? ' A malformed or invalid request is rejected before the flow runs.'
    : ' A malformed or invalid request is answered with an error and recorded as a failed message.');
  return sentence;
}

function step(processor, code) {
  switch (processor.type) {
    case 'map':
      return ['maps the payload with ', code(processor.mapSpec), '.'];
    case 'setPayload':
      return ['sets the payload to ', code(processor.source), '.'];
    case 'setExchangeProperty':
      return ['sets the exchange property ', code(processor.propertyName), ' to ', code(processor.source), '.'];
    case 'filter':
      return ['lets the message go on only when ', code(processor.expression),
        ' is true; otherwise the flow ends there and answers with the payload as it is.'];
    case 'log':
      return [`writes a log line at ${processor.level || 'INFO'}`,
        ...(processor.expression ? [': ', code(processor.expression), '.'] : [' with a summary of the payload.'])];
    case 'handoff':
      return ['hands a copy of the message to the flow ', code(processor.flowId), ' and goes on (fire and forget).'];
    case 'restRequest':
      return restRequest(processor, code);
    default:
      return [`a ${processor.type} processor.`];
  }
}

function restRequest(processor, code) {
  const method = processor.method || (processor.body || processor.multipart ? 'POST' : 'GET');
  let target;
  if (processor.url) {
    target = [code(processor.url)];
  } else if (processor.service) {
    target = ['the service ', code(processor.service), ...(processor.path ? [' at ', code(processor.path)] : [])];
  } else {
    target = [code([processor.host, processor.path].filter(Boolean).join('/') || 'its target')];
  }
  return [`calls ${method} `, ...target, processor.onError === 'CONTINUE'
    ? '; if the call fails, the flow goes on with the error.' : '; if the call fails, the message fails.'];
}

function extras(processor) {
  const notes = [];
  if (processor.payloadArchivingStrategy) {
    notes.push(' Its payloads are archived in the traces.');
  }
  if (processor.retainPayloadOnFailure) {
    notes.push(' If it fails, the payload it received is kept for error handling.');
  }
  return notes;
}

function deadLetter(spec, code) {
  const strategy = spec.deadLetterStrategy;
  if (!strategy || !strategy.flowId) {
    return ['No dead-letter strategy: a failed message is answered with an error and kept in the traces only.'];
  }
  return ['A message that fails is handed to the dead-letter flow ', code(strategy.flowId),
    strategy.forwardMessagePreprocessingErrors ? ', and so is a request that fails preprocessing.'
      : '; a request that fails preprocessing is not.'];
}

function redelivery(policy) {
  return `A transient failure is tried again, up to ${policy.maxAttempts || 'the default number of'} attempts in all.`;
}

const BOX = {width: 240, height: 46, gap: 26, x: 20};

/** The processors top to bottom, with the flows a message may be handed to beside them. */
export function processorGraph(flow) {
  const processors = flow.spec.processors;
  const strategy = flow.spec.deadLetterStrategy;
  const rows = processors.length + (strategy && strategy.flowId ? 1 : 0);
  const height = rows * (BOX.height + BOX.gap) + 10;
  const width = 560;
  const y = (index) => 10 + index * (BOX.height + BOX.gap);
  const parts = [s('defs', {}, s('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7,
    markerHeight: 7, orient: 'auto-start-reverse'}, s('path', {d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head'})))];
  processors.forEach((processor, index) => {
    const top = y(index);
    parts.push(s('g', {class: index === 0 ? 'node node-source' : 'node', dataset: {processor: processor.id}},
    s('title', {}, `${processor.id} (${processor.type})`),
    s('rect', {x: BOX.x, y: top, width: BOX.width, height: BOX.height, rx: 6}),
    s('text', {x: BOX.x + 12, y: top + 19, class: 'node-id'}, processor.id),
    s('text', {x: BOX.x + 12, y: top + 36, class: 'node-type'}, index === 0 ? `${processor.type} (source)`
      : processor.type)));
    if (index > 0) {
      parts.push(s('line', {class: 'edge', x1: BOX.x + BOX.width / 2, y1: top - BOX.gap, x2: BOX.x + BOX.width / 2,
        y2: top - 2, 'marker-end': 'url(#arrow)'}));
    }
    if (processor.type === 'handoff' && processor.flowId) {
      parts.push(sideBox(top, `flow ${processor.flowId}`, 'handoff, a copy'));
    }
    if (processor.type === 'restRequest') {
      parts.push(sideBox(top, processor.service ? `service ${processor.service}` : 'HTTP call',
        processor.method || 'GET'));
    }
  });
  if (strategy && strategy.flowId) {
    const top = y(processors.length);
    parts.push(s('g', {class: 'node node-dead-letter'},
      s('rect', {x: BOX.x, y: top, width: BOX.width, height: BOX.height, rx: 6}),
      s('text', {x: BOX.x + 12, y: top + 19, class: 'node-id'}, `flow ${strategy.flowId}`),
      s('text', {x: BOX.x + 12, y: top + 36, class: 'node-type'}, 'dead letters: failed messages')),
    s('line', {class: 'edge edge-failure', x1: BOX.x + BOX.width / 2, y1: top - BOX.gap, x2: BOX.x + BOX.width / 2,
      y2: top - 2, 'marker-end': 'url(#arrow)'}));
  }
  const names = processors.map((processor) => processor.id).join(', then ');
  return h('figure', {class: 'graph-figure'},
    s('svg', {class: 'graph', id: 'processor-graph', viewBox: `0 0 ${width} ${height}`, width, role: 'img',
      'aria-label': `Processors in order: ${names}`}, parts));
}

function sideBox(top, label, note) {
  const x = BOX.x + BOX.width + 60;
  return s('g', {class: 'node node-side'},
    s('line', {class: 'edge', x1: BOX.x + BOX.width, y1: top + BOX.height / 2, x2: x - 2, y2: top + BOX.height / 2,
      'marker-end': 'url(#arrow)'}),
    s('rect', {x, y: top, width: 200, height: BOX.height, rx: 6}),
    s('text', {x: x + 12, y: top + 19, class: 'node-id'}, label),
    s('text', {x: x + 12, y: top + 36, class: 'node-type'}, note));
}
