// The publint and arethetypeswrong findings the package accepts, each with its reason. Everything
// else they report fails quality-gates.test.ts, and so does an entry here that no longer matches
// a finding (remove it then).

export interface Allowance {
  tool: 'publint' | 'attw';
  /** publint: the message code (`EXPORTS_TYPES_SHOULD_BE_FIRST`); attw: the problem kind (`NoResolution`). */
  code: string;
  /** publint: the package.json path of the message (`exports../pusher.types`); attw: the subpath (`./iife`). */
  where: string;
  /** attw only: the resolution kinds accepted (node10, node16-cjs, node16-esm, bundler); all when absent. */
  resolutions?: string[];
  /** Why this is right for the package's users. */
  reason: string;
}

// `royalcms-echo/iife` is the classic `<script>` build: it defines the global `Echo` and is no
// module, so it has no module declarations and no CommonJS form by design. The subpath exists so
// tools can locate the file (require.resolve, import.meta.resolve, a bundler copying it to a
// public folder); code that imports Echo imports `royalcms-echo` or a driver entry instead.
const iife = 'the <script> build (global Echo) is no module: nothing imports it for types or with require()';

export const allowed: Allowance[] = [
  {
    tool: 'attw',
    code: 'NoResolution',
    where: './iife',
    resolutions: ['node10'],
    reason: `${iife}; node10 resolution ignores exports, and the file is reachable there as royalcms-echo/dist/echo.iife.min.js (the path the CDN URLs use)`,
  },
  {
    tool: 'attw',
    code: 'UntypedResolution',
    where: './iife',
    resolutions: ['node16-cjs', 'node16-esm', 'bundler'],
    reason: `${iife}; its types are those of the main entry, whose default export the global is`,
  },
  {
    tool: 'attw',
    code: 'CJSResolvesToESM',
    where: './iife',
    resolutions: ['node16-cjs'],
    reason: `${iife}; require('royalcms-echo') is the CommonJS entry`,
  },
];
