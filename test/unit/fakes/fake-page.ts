// Hand-written browser-page globals for a Node test run: a document (csrf meta tag, Turbo's
// event target), location, jQuery's ajaxPrefilter, and vue-resource's interceptor chain.
// Install them with vi.stubGlobal() and remove them with vi.unstubAllGlobals() after each test.

type Listener = (event: unknown) => void;

export interface FakeDocument {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  addEventListener(type: string, listener: Listener): void;
  removeEventListener(type: string, listener: Listener): void;
  /** Test hook: run the listeners of `type` with `event`. */
  dispatch(type: string, event: unknown): void;
  listenerCount(type: string): number;
  /** Selectors asked for, in order. */
  readonly queries: string[];
}

export function fakeDocument(csrfMeta?: string): FakeDocument {
  const listeners = new Map<string, Listener[]>();
  const queries: string[] = [];
  return {
    queries,
    querySelector(selector) {
      queries.push(selector);
      if (selector !== 'meta[name="csrf-token"]' || csrfMeta === undefined) return null;
      return { getAttribute: (name) => (name === 'content' ? csrfMeta : null) };
    },
    addEventListener(type, listener) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    removeEventListener(type, listener) {
      listeners.set(type, (listeners.get(type) ?? []).filter((l) => l !== listener));
    },
    dispatch(type, event) {
      for (const listener of [...(listeners.get(type) ?? [])]) listener(event);
    },
    listenerCount(type) {
      return listeners.get(type)?.length ?? 0;
    },
  };
}

export const PAGE_ORIGIN = 'https://shop.example';

export const fakeLocation = (href = PAGE_ORIGIN + '/orders/7') => {
  const url = new URL(href);
  return { href: url.href, origin: url.origin, hostname: url.hostname, protocol: url.protocol };
};

type Prefilter = (options: { url?: string }, original: unknown, xhr: { setRequestHeader(name: string, value: string): void }) => void;

export interface FakeJQuery {
  ajaxPrefilter(handler: Prefilter): void;
  /** Test hook: run every prefilter for a request to `url`; returns the headers they set. */
  ajax(url: string): Record<string, string>;
  readonly prefilters: Prefilter[];
}

export function fakeJQuery(): FakeJQuery {
  const prefilters: Prefilter[] = [];
  return {
    prefilters,
    ajaxPrefilter(handler) {
      prefilters.push(handler);
    },
    ajax(url) {
      const headers: Record<string, string> = {};
      const xhr = { setRequestHeader: (name: string, value: string) => void (headers[name] = value) };
      for (const prefilter of prefilters) prefilter({ url }, { url }, xhr);
      return headers;
    },
  };
}

type VueInterceptor = (request: { url?: string; headers: { set(name: string, value: string): void } }, next: () => void) => void;

export interface FakeVueHttp {
  interceptors: VueInterceptor[];
  /** Test hook: run the interceptor chain for `url`; returns the headers set. */
  request(url: string): Record<string, string>;
}

export function fakeVueHttp(): FakeVueHttp {
  const http: FakeVueHttp = {
    interceptors: [],
    request(url) {
      const headers: Record<string, string> = {};
      const request = { url, headers: { set: (name: string, value: string) => void (headers[name] = value) } };
      let index = 0;
      const next = (): void => {
        const interceptor = http.interceptors[index++];
        if (interceptor) interceptor(request, next);
      };
      next();
      return headers;
    },
  };
  return http;
}

/** Turbo's `turbo:before-fetch-request` event detail; returns the headers after the listeners ran. */
export function turboFetch(document: FakeDocument, url: string, headers: Record<string, string> = { Accept: 'text/html' }): Record<string, string> {
  const detail = { url: new URL(url), fetchOptions: { headers: { ...headers } } };
  document.dispatch('turbo:before-fetch-request', { detail });
  return detail.fetchOptions.headers;
}
