// postForm() of the browser build (src/http/post-form.ts: fetch), over a stubbed fetch. The Node
// module that dist/node/ uses instead is tested against a real server in post-form.node.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { postForm } from '../../src/http/post-form';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

interface Call {
  url: unknown;
  init: RequestInit;
}

/** A fetch that records its calls and answers with `reply` (called with the call), or hangs until its signal aborts. */
function stubFetch(reply?: (call: Call) => Promise<{ status: number; text(): Promise<string> }>) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: unknown, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    if (reply) return reply(call);
    // As fetch: an aborted signal rejects at once (nothing is sent), a later abort rejects then.
    return new Promise((_resolve, reject) => {
      const abort = () => reject(new DOMException('aborted', 'AbortError'));
      if (init.signal?.aborted) abort();
      init.signal?.addEventListener('abort', abort);
    });
  });
  return calls;
}

const answer = (status: number, text: string) => () => Promise.resolve({ status, text: () => Promise.resolve(text) });
const request = (extra: { timeout?: number; signal?: AbortSignal } = {}) => ({ headers: { Authorization: 'Bearer t' }, timeout: 5000, ...extra });

describe('postForm (browser: fetch)', () => {
  it('POSTs the form with the form headers, the given headers and same-origin cookies', async () => {
    const calls = stubFetch(answer(200, '{"auth":"k:s"}'));
    expect(await postForm('/broadcasting/auth', 'socket_id=1.2&channel_name=private-a', request())).toEqual({ status: 200, text: '{"auth":"k:s"}' });
    expect(calls).toHaveLength(1);
    // A relative URL goes to fetch as it is: the browser resolves it against the page.
    expect(calls[0]!.url).toBe('/broadcasting/auth');
    expect(calls[0]!.init).toMatchObject({
      method: 'POST',
      body: 'socket_id=1.2&channel_name=private-a',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', Authorization: 'Bearer t' },
    });
    expect(calls[0]!.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('resolves with any HTTP status and its body', async () => {
    stubFetch(answer(503, 'busy'));
    expect(await postForm('/auth', '', request())).toEqual({ status: 503, text: 'busy' });
  });

  it('a header given by the caller overrides the default one', async () => {
    const calls = stubFetch(answer(200, '{}'));
    await postForm('/auth', '', { headers: { Accept: 'text/plain' }, timeout: 5000 });
    expect((calls[0]!.init.headers as Record<string, string>)['Accept']).toBe('text/plain');
  });

  it('rejects with a TimeoutError after `timeout` ms and aborts the fetch', async () => {
    vi.useFakeTimers();
    const calls = stubFetch();
    const settled = postForm('/auth', '', request({ timeout: 3000 })).catch((error: Error) => error);
    await vi.advanceTimersByTimeAsync(2999);
    expect(calls[0]!.init.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await settled;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('TimeoutError');
    expect(calls[0]!.init.signal!.aborted).toBe(true);
  });

  it('the timeout also covers reading the body', async () => {
    vi.useFakeTimers();
    // As fetch: aborting the request also aborts reading its body.
    stubFetch(({ init }) =>
      Promise.resolve({
        status: 200,
        text: () => new Promise<string>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
      }),
    );
    const settled = postForm('/auth', '', request({ timeout: 1000 })).catch((error: Error) => error.name);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await settled).toBe('TimeoutError');
  });

  it('rejects with an AbortError when the signal aborts, whatever reason it carries, and aborts the fetch', async () => {
    const calls = stubFetch();
    const controller = new AbortController();
    const settled = postForm('/auth', '', request({ signal: controller.signal })).catch((error: Error) => error);
    await Promise.resolve();
    controller.abort(new Error('left the channel'));
    const error = (await settled) as Error;
    expect([error instanceof Error, error.name]).toEqual([true, 'AbortError']);
    expect(calls[0]!.init.signal!.aborted).toBe(true);
  });

  it('an already aborted signal rejects with an AbortError, fetch getting an aborted signal (so it sends nothing)', async () => {
    const calls = stubFetch();
    const controller = new AbortController();
    controller.abort();
    await expect(postForm('/auth', '', request({ signal: controller.signal }))).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls.map((call) => call.init.signal?.aborted)).toEqual([true]);
  });

  it('a network failure rejects with fetch’s own error', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(postForm('/auth', '', request())).rejects.toMatchObject({ name: 'TypeError', message: 'Failed to fetch' });
  });

  it('after it settled, neither the timer nor the signal does anything more', async () => {
    vi.useFakeTimers();
    stubFetch(answer(200, 'ok'));
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    expect(await postForm('/auth', '', request({ timeout: 1000, signal: controller.signal }))).toEqual({ status: 200, text: 'ok' });
    expect(vi.getTimerCount()).toBe(0);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});
