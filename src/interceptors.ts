// X-Socket-ID for toOthers(): request hooks for axios, jQuery, Turbo and vue-resource, and the
// origin rule deciding which requests get the header (the page's own origin unless widened).

import { SOCKET_ID_HEADER } from './constants';
import type { AxiosLike, AxiosRequestConfigLike } from './options';

/** Returns the socket id to send with a request to `url`, or undefined to send none. */
export type SocketIdFor = (url: string | undefined) => string | undefined;

interface LocationLike {
  href: string;
  origin: string;
}

/** True when `url` targets the page's own origin or one of `origins` (`'*'`: every origin). */
export function originAllowed(url: string | undefined, origins: string[] | '*' | undefined): boolean {
  if (origins === '*') return true;
  const location = (globalThis as { location?: LocationLike }).location;
  if (!location?.origin || location.origin === 'null') return true; // no page (Node, workers without origin): nothing to leak across
  let origin: string;
  try {
    origin = new URL(url ?? '', location.href).origin;
  } catch {
    return false;
  }
  return origin === location.origin || (origins ?? []).some((allowed) => new URL(allowed, location.href).origin === origin);
}

const absoluteUrl = (config: AxiosRequestConfigLike): string | undefined => {
  const url = config.url ?? '';
  if (/^[a-z][a-z\d+\-.]*:\/\//i.test(url) || !config.baseURL) return url;
  return config.baseURL.replace(/\/+$/, '') + '/' + url.replace(/^\/+/, '');
};

/** Adds the header to an axios instance's requests; returns the function that removes the interceptor. */
export function interceptAxios(axios: AxiosLike, socketIdFor: SocketIdFor): () => void {
  const id = axios.interceptors.request.use((config) => {
    const socketId = socketIdFor(absoluteUrl(config));
    if (socketId) {
      const headers = (config.headers ??= {}) as { set?: (name: string, value: string) => void } & Record<string, unknown>;
      if (typeof headers.set === 'function') headers.set(SOCKET_ID_HEADER, socketId);
      else headers[SOCKET_ID_HEADER] = socketId;
    }
    return config;
  });
  return () => axios.interceptors.request.eject(id);
}

interface JQueryLike {
  ajaxPrefilter(handler: (options: { url?: string }, original: unknown, xhr: { setRequestHeader(n: string, v: string): void }) => void): void;
}

/** jQuery prefilters cannot be removed: the returned function switches this one off. */
export function interceptJQuery(jQuery: JQueryLike, socketIdFor: SocketIdFor): () => void {
  let active = true;
  jQuery.ajaxPrefilter((options, _original, xhr) => {
    const socketId = active ? socketIdFor(options.url) : undefined;
    if (socketId) xhr.setRequestHeader(SOCKET_ID_HEADER, socketId);
  });
  return () => {
    active = false;
  };
}

interface TurboFetchEvent {
  detail?: { url?: URL | string; fetchOptions?: { headers?: Record<string, string> } };
}

interface EventTargetLike {
  addEventListener(type: string, listener: (event: TurboFetchEvent) => void): void;
  removeEventListener(type: string, listener: (event: TurboFetchEvent) => void): void;
}

export function interceptTurbo(document: EventTargetLike, socketIdFor: SocketIdFor): () => void {
  const listener = (event: TurboFetchEvent) => {
    const options = event.detail?.fetchOptions;
    const socketId = options ? socketIdFor(String(event.detail?.url ?? '')) : undefined;
    if (options && socketId) options.headers = { ...options.headers, [SOCKET_ID_HEADER]: socketId };
  };
  document.addEventListener('turbo:before-fetch-request', listener);
  return () => document.removeEventListener('turbo:before-fetch-request', listener);
}

interface VueResourceLike {
  interceptors: Array<(request: { url?: string; headers: { set(n: string, v: string): void } }, next: () => void) => void>;
}

export function interceptVueResource(http: VueResourceLike, socketIdFor: SocketIdFor): () => void {
  const interceptor: VueResourceLike['interceptors'][number] = (request, next) => {
    const socketId = socketIdFor(request.url);
    if (socketId) request.headers.set(SOCKET_ID_HEADER, socketId);
    next();
  };
  http.interceptors.push(interceptor);
  return () => {
    const index = http.interceptors.indexOf(interceptor);
    if (index >= 0) http.interceptors.splice(index, 1);
  };
}

interface PageLibraries {
  axios?: unknown;
  jQuery?: unknown;
  Turbo?: unknown;
  Vue?: { http?: unknown };
  document?: EventTargetLike;
}

/** Installs every hook whose library is present (globals, plus the given axios instances). */
export function installInterceptors(socketIdFor: SocketIdFor, axiosInstances: AxiosLike[]): () => void {
  const page = globalThis as PageLibraries;
  const removers: Array<() => void> = [];
  const axiosList = [...axiosInstances];
  const globalAxios = page.axios as AxiosLike | undefined;
  if (globalAxios?.interceptors?.request && !axiosList.includes(globalAxios)) axiosList.push(globalAxios);
  for (const axios of axiosList) removers.push(interceptAxios(axios, socketIdFor));
  if (typeof (page.jQuery as JQueryLike | undefined)?.ajaxPrefilter === 'function') removers.push(interceptJQuery(page.jQuery as JQueryLike, socketIdFor));
  if (page.Turbo && page.document?.addEventListener) removers.push(interceptTurbo(page.document, socketIdFor));
  const http = page.Vue?.http as VueResourceLike | undefined;
  if (Array.isArray(http?.interceptors)) removers.push(interceptVueResource(http, socketIdFor));
  return () => {
    for (const remove of removers.splice(0)) remove();
  };
}
