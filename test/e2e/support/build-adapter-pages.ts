// Builds the React and Vue pages of adapters.spec.ts with Vite, as applications build them:
// `royalcms-echo`, `royalcms-echo/pusher`, `/react` and `/vue` resolve to the built dist/ files
// the package exports (not src/), React and Vue come from node_modules. Output: .tmp/pages/react
// and .tmp/pages/vue, served by the backend at /build/react/ and /build/vue/. Development mode,
// so React's StrictMode mounts every component twice, as in an application under development.
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';

const ENTRIES: Record<string, string> = { '': 'index', pusher: 'pusher', 'socket.io': 'socketio', react: 'react', vue: 'vue' };

export async function buildAdapterPages(root: string): Promise<void> {
  const dist = resolve(root, 'dist');
  if (!existsSync(resolve(dist, 'react.js')) || !existsSync(resolve(dist, 'vue.js'))) {
    throw new Error('dist/react.js or dist/vue.js is missing: build the SDK first (npx rollup -c rollup.config.mjs).');
  }
  const alias = Object.entries(ENTRIES).map(([subpath, file]) => ({
    find: new RegExp(`^royalcms-echo${subpath ? '/' + subpath.replace('.', '\\.') : ''}$`),
    replacement: resolve(dist, `${file}.js`),
  }));
  for (const framework of ['react', 'vue'] as const) {
    await build({
      configFile: false,
      root: resolve(root, 'test/e2e/pages', framework),
      base: `/build/${framework}/`,
      mode: 'development',
      logLevel: 'warn',
      plugins: framework === 'react' ? [react()] : [vue()],
      resolve: { alias },
      define: { 'process.env.NODE_ENV': JSON.stringify('development') },
      build: { outDir: resolve(root, '.tmp/pages', framework), emptyOutDir: true, minify: false, sourcemap: true },
    });
  }
}
