// postForm() in the browser (and wherever the `node` export condition does not apply): fetch, with
// the page's cookies for same-origin endpoints. The Node build swaps in post-form.node.ts.

import { FORM_HEADERS, namedError, type FormRequest, type FormResponse, type StopReason } from './form-request';

export type { FormRequest, FormResponse } from './form-request';

/**
 * POSTs `body` (already form-encoded) to `url` with Content-Type application/x-www-form-urlencoded
 * and Accept application/json plus `headers`; resolves with any HTTP status and the body text;
 * rejects with an Error whose `name` is 'TimeoutError' after `timeout` ms, 'AbortError' when
 * `signal` aborts, anything else for a network failure. A relative `url` resolves against the page.
 */
export async function postForm(url: string, body: string, { headers, timeout, signal }: FormRequest): Promise<FormResponse> {
  // One controller for both causes; `stopped` says which one it was (fetch rejects with its own
  // AbortError or with the signal's reason, either way). An aborted signal makes fetch reject
  // before it sends anything.
  const controller = new AbortController();
  let stopped: StopReason | undefined;
  const stop = (reason: StopReason) => {
    stopped ??= reason;
    controller.abort();
  };
  const onAbort = () => stop('AbortError');
  const timer = setTimeout(stop, timeout, 'TimeoutError');
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort);
  try {
    const response = await fetch(url, { method: 'POST', headers: { ...FORM_HEADERS, ...headers }, body, credentials: 'same-origin', signal: controller.signal });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    throw stopped ? namedError(stopped, url, timeout) : error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
