// Builds dist/: ESM and CommonJS (.cjs) for each entry, a minified IIFE whose global `Echo` is
// the constructor, and bundled type declarations (.d.ts and .d.cts). The ESM and CommonJS entries
// are built twice: dist/*.js|cjs with the full error messages (`__DEV__` true, the default export
// condition) and dist/prod/*.js|cjs with short coded ones (`__DEV__` false, the `production`
// condition). The IIFE keeps the full messages: CDN users debug with it.
// The core entries are built twice more for Node (the `node` export condition): dist/node/ and
// dist/node/prod/, where every module `x.ts` that has a sibling `x.node.ts` is replaced by it
// (src/http/post-form.node.ts: node:http instead of fetch). Browser builds never see node: imports.
import { existsSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

// The entries that carry the core. All of them get a Node build (not only those that send HTTP
// requests): they share chunks, so in Node `royalcms-echo` and `royalcms-echo/socket.io` must come
// from the same build, or EchoError and the other classes would exist twice.
const coreEntries = {
  index: 'src/index.ts',
  pusher: 'src/pusher.ts',
  native: 'src/native.ts',
  encrypted: 'src/encrypted.ts',
  socketio: 'src/socketio.ts',
};
const entries = {
  ...coreEntries,
  // The framework adapters and the testing helper import the core as the package itself
  // (`royalcms-echo`, external here), so an application that uses them carries one copy of it
  // (in Node, the one the `node` condition picks).
  react: 'src/react/index.ts',
  vue: 'src/vue/index.ts',
  testing: 'src/testing/index.ts',
};
const external = ['royalcms-echo', 'react', 'vue', /^@noble\/ciphers\//];
// The Node build: `x.node.ts` in place of `x.ts`, wherever `x.ts` is imported from.
const nodeModules = {
  name: 'node-modules',
  async resolveId(source, importer, options) {
    if (!importer || source.startsWith('\0')) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    const sibling = resolved && !resolved.external && resolved.id.replace(/\.ts$/, '.node.ts');
    return sibling && sibling !== resolved.id && existsSync(sibling) ? sibling : resolved;
  },
};
// In src/, the adapters and the testing helper import the core's public entry as '../index';
// in dist/ that import is the package itself, so they never carry a copy of the core.
const corePackage = {
  name: 'core-as-package',
  resolveId(source, importer) {
    const adapter = importer && /[\\/]src[\\/](adapters|react|vue|testing)[\\/]/.test(importer);
    return adapter && source === '../index' ? { id: 'royalcms-echo', external: true } : null;
  },
};
// What the React and Vue adapters share (default instance, channel binding, presence list).
const manualChunks = (id) => (id.replace(/\\/g, '/').includes('/src/adapters/') ? 'adapters' : undefined);
// The chunk holding the facade keeps its name (shared/echo-base) whatever module comes first in it.
const chunkName = (ext) => (chunk) =>
  `shared/${chunk.moduleIds.some((id) => id.replace(/\\/g, '/').endsWith('/src/echo-base.ts')) ? 'echo-base' : '[name]'}.${ext}`;
// `__DEV__` (src/env.d.ts) becomes a literal; Rollup then drops the branch it rules out. Only the
// identifier is replaced (found in the syntax tree: comments and strings stay as they are), padded
// to its length, so no code moves and the source maps stay exact.
const define = (dev) => {
  const literal = String(dev).padEnd('__DEV__'.length);
  const positions = (node, out = []) => {
    if (Array.isArray(node)) for (const child of node) positions(child, out);
    else if (node && typeof node === 'object') {
      if (node.type === 'Identifier' && node.name === '__DEV__') out.push(node.start);
      for (const [key, child] of Object.entries(node)) if (key !== 'type' && child && typeof child === 'object') positions(child, out);
    }
    return out;
  };
  return {
    name: 'define-dev',
    transform(code) {
      if (!code.includes('__DEV__')) return null;
      let out = code;
      for (const start of positions(this.parse(code))) out = out.slice(0, start) + literal + out.slice(start + literal.length);
      return { code: out, map: null };
    },
  };
};
// The maps embed their TypeScript sources (inlineSources): the package ships no src/ for them to point at.
// tsconfig.node.json adds Node's types and the *.node.ts files, which tsconfig.json leaves out.
const ts = (tsconfig = './tsconfig.json') => typescript({ tsconfig, declaration: false, sourceMap: true, inlineSources: true, noEmitOnError: true });

// ESM and CommonJS of every entry into `dir`, with `__DEV__` set to `dev`; `node`: the core
// entries with the Node modules (node: imports only in the chunk that uses them, not hoisted into
// every entry, so `royalcms-echo/socket.io` loads no HTTP client).
const modules = (dir, dev, node = false) => ({
  input: node ? coreEntries : entries,
  external: node ? [...external, /^node:/] : external,
  plugins: node ? [corePackage, nodeModules, ts('./tsconfig.node.json'), define(dev)] : [corePackage, ts(), define(dev)],
  output: [
    { dir, format: 'es', entryFileNames: '[name].js', chunkFileNames: chunkName('js'), manualChunks, sourcemap: true, hoistTransitiveImports: !node },
    { dir, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: chunkName('cjs'), manualChunks, exports: 'named', sourcemap: true, hoistTransitiveImports: !node },
  ],
});

export default [
  modules('dist', true),
  modules('dist/prod', false),
  modules('dist/node', true, true),
  modules('dist/node/prod', false, true),
  {
    input: 'src/index.iife.ts',
    plugins: [ts(), define(true)],
    output: [
      { file: 'dist/echo.iife.js', format: 'iife', name: 'Echo', exports: 'default', sourcemap: true },
      {
        file: 'dist/echo.iife.min.js',
        format: 'iife',
        name: 'Echo',
        exports: 'default',
        sourcemap: true,
        plugins: [terser({ ecma: 2020, compress: { passes: 2 } })],
      },
    ],
  },
  // Declarations: one build for every entry, so the core's classes are declared once (in shared
  // chunks) and an Echo from `royalcms-echo/pusher` is the same type as one from `royalcms-echo`.
  ...['d.ts', 'd.cts'].map((ext) => ({
    input: entries,
    external,
    plugins: [corePackage, dts({ tsconfig: './tsconfig.json' })],
    output: { dir: 'dist', format: 'es', entryFileNames: `[name].${ext}`, chunkFileNames: `shared/[name].${ext}` },
  })),
];
