// The only way Heartbeat talks to the server: the management API, with the session cookie of the login.

let csrfToken = null;

/** The CSRF token of the session, sent with every change. */
export function setCsrfToken(token) {
  csrfToken = token;
}

/** A failed call: the HTTP status and the server's problem (application/problem+json) when it sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem) {
  if (problem && typeof problem === 'object' && problem.detail) {
    return problem.detail;
  }
  if (status === 0) {
    return 'The server cannot be reached; check that it is running and try again.';
  }
  return `The server answered ${status}.`;
}

/**
 * Calls the management API. Resolves with the parsed answer (null for 204); rejects with an ApiError. A 401
 * also fires the window event 'heartbeat:unauthorized', so that the login form comes back when a session ends.
 */
export async function call(method, path, body) {
  const headers = {
    // With it the server's 401 challenges with Bearer only, so the browser shows no login box of its own.
    'X-Requested-With': 'Heartbeat',
    'Accept': 'application/json',
  };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, null);
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  const answer = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/session') {
      window.dispatchEvent(new CustomEvent('heartbeat:unauthorized'));
    }
    throw new ApiError(response.status, answer);
  }
  return answer;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);

/** A query string of the parameters that have a value: query({a: 1, b: null}) is '?a=1'. */
export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') {
      search.set(name, value);
    }
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

/** The path of a flow in the management API. */
export function flowPath(ownerId, flowId) {
  return `/api/flows/${encodeURIComponent(ownerId)}/${encodeURIComponent(flowId)}`;
}
