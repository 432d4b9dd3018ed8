// What the React and Vue e2e pages expose to the test as window.adapterPage: set the mounted
// widgets, force a re-render (new callbacks), read what arrived, and read the page's Echo; and
// the port the page connects to (soketiPort()).
export interface Widget {
  id: string;
  kind: 'events' | 'members';
  /** Channel name without prefix: events widgets use private channels, members widgets presence. */
  channel: string;
}

interface Handlers {
  setWidgets(widgets: Widget[]): void;
  rerender(): void;
}

export interface AdapterPage {
  framework: 'react' | 'vue';
  ready: boolean;
  received: Array<{ widget: string; renders: number; payload: unknown }>;
  setWidgets(widgets: Widget[]): void;
  rerender(): void;
  socketId(): string | undefined;
  connect(handlers: Handlers): () => void;
}

declare global {
  interface Window {
    adapterPage: AdapterPage;
  }
}

export function installControl(framework: 'react' | 'vue', echo: { socketId(): string | undefined }): AdapterPage {
  let handlers: Handlers | undefined;
  const page: AdapterPage = {
    framework,
    ready: false,
    received: [],
    setWidgets: (widgets) => handlers?.setWidgets(widgets),
    rerender: () => handlers?.rerender(),
    socketId: () => echo.socketId(),
    connect(next) {
      handlers = next;
      page.ready = true;
      return () => {
        if (handlers === next) handlers = undefined;
        page.ready = false;
      };
    },
  };
  window.adapterPage = page;
  return page;
}

/**
 * soketi's port, from the page address (`?wsPort=`): the test passes the port the servers use
 * (test/e2e/servers/config.mjs, moved by E2E_SOKETI_PORT), and the page is built only once.
 */
export function soketiPort(): number {
  const value = Number(new URLSearchParams(location.search).get('wsPort'));
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`this page needs soketi's port as ?wsPort=<port> in its address (got "${location.search}")`);
  }
  return value;
}
