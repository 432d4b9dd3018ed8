// Server-side rendering (Node, no window): rendering components that use the hooks and
// composables subscribes to nothing and creates no default instance.
import { createElement } from 'react';
import { renderToString as renderReact } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createSSRApp, defineComponent, h } from 'vue';
import { renderToString as renderVue } from 'vue/server-renderer';
import { NullConnector } from '../../src/connector/null-connector';
import type { EchoOptions } from '../../src/options';
import * as react from '../../src/react';
import { FakeEcho } from '../../src/testing';
import * as vue from '../../src/vue';

describe('server-side rendering', () => {
  it('React: nothing is subscribed, and the provided instance’s status is rendered', () => {
    const fake = new FakeEcho();
    const Status = () => {
      react.useEcho('order.1', 'OrderShipped', () => {});
      react.usePresenceMembers('chat.1');
      return createElement('p', null, react.useConnectionStatus());
    };
    const html = renderReact(createElement(react.EchoProvider, { echo: fake }, createElement(Status)));
    expect(html).toBe('<p>connected</p>');
    expect(fake.history()).toEqual([]);
  });

  it('React and Vue: the default instance of configureEcho(options) is not even created', async () => {
    let created = 0;
    class Counting extends NullConnector {
      constructor(options: EchoOptions) {
        super(options);
        created++;
      }
    }
    react.configureEcho({ broadcaster: Counting, withoutInterceptors: true });
    const ReactStatus = () => (react.useEcho('order.1', 'E', () => {}), createElement('p', null, react.useConnectionStatus()));
    expect(renderReact(createElement(ReactStatus))).toBe('<p>connecting</p>');

    const VueStatus = defineComponent({
      setup() {
        vue.useEcho('order.1', 'E', () => {});
        const status = vue.useConnectionStatus();
        return () => h('p', status.value);
      },
    });
    expect(await renderVue(createSSRApp(VueStatus))).toBe('<p>connecting</p>');
    expect(created).toBe(0);
  });

  it('Vue: nothing is subscribed on the provided instance', async () => {
    const fake = new FakeEcho();
    const Component = defineComponent({
      setup() {
        vue.useEcho('order.1', 'OrderShipped', () => {});
        const members = vue.usePresenceMembers('chat.1');
        return () => h('p', String(members.value.length));
      },
    });
    const app = createSSRApp(Component).use(vue.EchoPlugin, fake);
    expect(await renderVue(app)).toBe('<p>0</p>');
    expect(fake.history()).toEqual([]);
  });
});
