// The Documentation tab: Swagger UI (from its WebJar, served by the flow server) for the flow's OpenAPI spec, with
// the server set to the flow's base path, so that "Try it out" calls the live endpoint.

import {h, fill} from './dom.js';

const SWAGGER_UI = 'vendor/swagger-ui/';
let loading = null;

/** Loads Swagger UI's script and style once. */
function loadSwaggerUi() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      document.head.append(h('link', {rel: 'stylesheet', href: SWAGGER_UI + 'swagger-ui.css'}));
      const script = h('script', {src: SWAGGER_UI + 'swagger-ui-bundle.js'});
      script.addEventListener('load', () => resolve(window.SwaggerUIBundle));
      script.addEventListener('error', () => {
        loading = null;
        reject(new Error('Swagger UI could not be loaded from the server (' + SWAGGER_UI + ').'));
      });
      document.head.append(script);
    });
  }
  return loading;
}

export async function swaggerDocumentation(panel, flow, context) {
  const serverUrl = location.origin + flow.endpoint;
  const specPath = `/api/specs/${encodeURIComponent(flow.ownerId)}/${encodeURIComponent(resourceId(flow))}/`
    + flow.apiSpec.revision;
  const container = h('div', {class: 'swagger', id: 'swagger-ui'});
  fill(panel,
    h('p', {}, 'The operations of ', h('code', {}, flow.apiSpec.apiSpecId), ', served at ', h('code', {}, serverUrl),
      '. "Try it out" calls the live endpoint: a flow that is not public needs a service account\'s credentials ',
      '(Authorize, when the spec declares how).'),
    h('p', {class: 'muted'}, h('a', {href: specPath, download: ''}, 'Download the spec')),
    container);
  let SwaggerUIBundle;
  try {
    SwaggerUIBundle = await loadSwaggerUi();
  } catch (error) {
    fill(container, h('p', {class: 'error', role: 'alert'}, error.message));
    return {};
  }
  if (!context.alive()) {
    return {};
  }
  let replaced = false;
  const ui = SwaggerUIBundle({
    domNode: container,
    url: specPath,
    deepLinking: false,
    // The spec comes from the management API, which answers Heartbeat's calls without a Basic challenge.
    requestInterceptor: (request) => {
      if (new URL(request.url, location.href).pathname.startsWith('/api/')) {
        request.headers['X-Requested-With'] = 'Heartbeat';
      }
      return request;
    },
    onComplete: () => {
      if (replaced) {
        return;
      }
      replaced = true;
      // Whatever servers the spec names, the flow serves it under its base path on this server.
      const spec = ui.specSelectors.specJson().toJS();
      spec.servers = [{url: serverUrl, description: `The flow ${flow.ownerId}/${flow.id} on this server`}];
      ui.specActions.updateSpec(JSON.stringify(spec));
    },
  });
  return {};
}

/** The spec's resource id, from the apiSpecId OpenAPIv3:{resourceId}:{revision}. */
function resourceId(flow) {
  return flow.apiSpec.apiSpecId.split(':')[1];
}
