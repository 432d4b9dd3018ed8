// Builds dist/: ESM and CommonJS (.cjs) for each entry, a minified IIFE whose global `Echo` is
// the constructor, and bundled type declarations (.d.ts and .d.cts).
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

const entries = { index: 'src/index.ts', pusher: 'src/pusher.ts', socketio: 'src/socketio.ts' };
const ts = () => typescript({ tsconfig: './tsconfig.json', declaration: false, sourceMap: true, noEmitOnError: true });

export default [
  {
    input: entries,
    plugins: [ts()],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'shared/[name].js', sourcemap: true },
      {
        dir: 'dist',
        format: 'cjs',
        entryFileNames: '[name].cjs',
        chunkFileNames: 'shared/[name].cjs',
        exports: 'named',
        sourcemap: true,
      },
    ],
  },
  {
    input: 'src/index.iife.ts',
    plugins: [ts()],
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
  ...Object.keys(entries).flatMap((name) =>
    ['d.ts', 'd.cts'].map((ext) => ({
      input: `src/${name}.ts`,
      plugins: [dts({ tsconfig: './tsconfig.json' })],
      output: { file: `dist/${name}.${ext}`, format: 'es' },
    })),
  ),
];
