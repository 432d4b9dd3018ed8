// Types of bench/lib/sizes.mjs for the size-budget test (test/package/size-budget.test.ts).
export interface Size {
  min: number;
  gzip: number;
}
export interface SizeGroup {
  id: string;
  label: string;
  entry: string;
  adapter?: boolean;
  builtIn?: boolean;
  project: string;
  laravel: string;
  raw: string;
}
export const ROOT: string;
export const BENCH_DIR: string;
export const SIZE_GROUPS: SizeGroup[];
export const SDK_ONLY: { project: string; laravel: string };
export const NACL_ALTERNATIVE: { label: string; project: string };
export const EXTERNAL: string[];
export function projectHasEntry(subpath: string): boolean;
export const NODE: Set<string>;
export function projectEntryFile(subpath: string, conditions?: Set<string>): string | undefined;
export function bundle(source: string, resolveDir: string): Promise<Uint8Array>;
export function gzipSize(bytes: Uint8Array | string): number;
export function measure(source: string, resolveDir: string): Promise<Size>;
export function projectSizes(resolveDir?: string): Promise<Record<string, Size>>;
