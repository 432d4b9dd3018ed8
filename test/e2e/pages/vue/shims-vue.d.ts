// tsc cannot read single-file components (@vitejs/plugin-vue compiles them for the page), so main.ts
// sees each .vue file as a component taking any props.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<Record<string, unknown>, Record<string, unknown>, unknown>;
  export default component;
}
