// The contract of postForm(), the one HTTP call the authorization code makes, shared by its
// browser module (post-form.ts, fetch) and its Node module (post-form.node.ts), which the Node
// build (dist/node/, the `node` export condition) puts in its place.

/** What came back: any HTTP status, with the body as text. */
export interface FormResponse {
  status: number;
  text: string;
}

/** Extra request headers, the time limit in ms for the whole exchange, and an optional abort signal. */
export interface FormRequest {
  headers: Record<string, string>;
  timeout: number;
  signal?: AbortSignal;
}

/** The headers every form POST carries; `headers` may override them. */
export const FORM_HEADERS = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' } as const;

/** Why a request was given up before its answer. */
export type StopReason = 'TimeoutError' | 'AbortError';

/**
 * The Error for `reason`, with that `name` (as fetch's DOMExceptions have). In the production
 * build its message is just the name: the caller writes its own.
 */
export const namedError = (reason: StopReason, url: string, timeout: number): Error =>
  Object.assign(
    new Error(__DEV__ ? (reason === 'TimeoutError' ? `${url} did not answer within ${timeout} ms` : `the request to ${url} was aborted`) : reason),
    { name: reason },
  );
