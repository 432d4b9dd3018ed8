// Playwright fixture: `users.open({...})` opens a logged-in Echo page in a fresh browser context
// (one context = one user's cookie jar); `users.tab(page)` opens another tab of that same user.
// Every context is closed after the test, so no socket outlives its test.
import { test as base, type BrowserContext } from '@playwright/test';
import { EchoPage, type OpenOptions } from './echo-page';

export interface Users {
  open(options: OpenOptions): Promise<EchoPage>;
  /** Another tab of the user of `of` (same context, same session), with its own Echo. */
  tab(of: EchoPage, options?: Partial<OpenOptions>): Promise<EchoPage>;
}

export const test = base.extend<{ users: Users }>({
  users: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    const defaults = new Map<EchoPage, OpenOptions>();
    await use({
      async open(options) {
        const context = await browser.newContext();
        contexts.push(context);
        const page = await EchoPage.open(context, options);
        defaults.set(page, options);
        return page;
      },
      async tab(of, options = {}) {
        const base = defaults.get(of);
        if (!base) throw new Error('tab(): unknown page');
        const page = await EchoPage.open(of.page.context(), { ...base, ...options, login: false });
        defaults.set(page, { ...base, ...options });
        return page;
      },
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect } from '@playwright/test';
