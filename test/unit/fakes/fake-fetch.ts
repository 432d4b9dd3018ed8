// A hand-written `fetch` for authorization requests: answers from a script of replies, records
// every request (url, method, headers as a plain object, body), and honours AbortSignal so a
// reply that never comes ends in an abort (the SDK's timeout).

export type Reply =
  | { status: number; body?: string }
  | { throws: Error }
  | 'hang';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface FakeFetch {
  (input: unknown, init?: RequestInit): Promise<FakeResponse>;
  readonly requests: RecordedRequest[];
}

/** The part of a fetch Response the SDK reads. */
export interface FakeResponse {
  ok: boolean;
  status: number;
  text(): Promise<string>;
}

const plainHeaders = (headers: HeadersInit | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (headers instanceof Headers) headers.forEach((value, name) => (out[name] = value));
  else if (Array.isArray(headers)) for (const [name, value] of headers) out[name as string] = value as string;
  else Object.assign(out, headers);
  return out;
};

export const json = (value: unknown, status = 200): Reply => ({ status, body: JSON.stringify(value) });

/**
 * `replies` are used in order; the last one repeats. A function decides per request instead.
 */
export function fakeFetch(replies: Reply[] | ((request: RecordedRequest, index: number) => Reply) = [json({ auth: 'key:sig' })]): FakeFetch {
  const requests: RecordedRequest[] = [];
  const fetch = (input: unknown, init: RequestInit = {}): Promise<FakeResponse> => {
    const request: RecordedRequest = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: plainHeaders(init.headers),
      body: typeof init.body === 'string' ? init.body : '',
    };
    const index = requests.push(request) - 1;
    const reply = typeof replies === 'function' ? replies(request, index) : (replies[Math.min(index, replies.length - 1)] as Reply);
    if (reply === 'hang') {
      return new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')));
      });
    }
    if ('throws' in reply) return Promise.reject(reply.throws);
    const body = reply.body ?? '';
    return Promise.resolve({ ok: reply.status >= 200 && reply.status < 300, status: reply.status, text: async () => body });
  };
  return Object.assign(fetch, { requests });
}

/** The form fields of a recorded request body. */
export const formOf = (request: RecordedRequest | undefined): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(request?.body ?? ''));
