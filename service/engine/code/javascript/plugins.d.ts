// The ESLint plugins Vigil runs ship without type declarations.
declare module '@microsoft/eslint-plugin-sdl' {
  import type { ESLint } from 'eslint';
  const plugin: ESLint.Plugin;
  export = plugin;
}
declare module 'eslint-plugin-security' {
  import type { ESLint } from 'eslint';
  const plugin: ESLint.Plugin;
  export = plugin;
}
declare module 'eslint-plugin-no-unsanitized' {
  import type { ESLint } from 'eslint';
  const plugin: ESLint.Plugin;
  export = plugin;
}
// Its declarations are reachable only through package exports, which moduleResolution "node" does not read.
declare module '@typescript-eslint/parser' {
  export const meta: { name?: string; version?: string };
  export function parseForESLint(code: string, options?: unknown): { ast: unknown };
}
