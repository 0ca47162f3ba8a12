// The mermaid bundle the build's Chromium tabs load: mermaid's own, with getConfig() memoized. mermaid hands each
// caller a fresh deep copy of its whole configuration (every diagram type's defaults and the theme's 300 variables,
// about a thousand keys), and calls it a few dozen times per node and edge: that copying was 28 % of the time spent
// drawing FFE's diagrams. The memo keeps one copy per configuration state (mermaid replaces the configuration object
// whenever it changes it, so identity tells a new state) — the same picture, byte for byte
// (tests/render/mermaid-bundle.test.ts). Read once per process; the client-side fallback loads mermaid unchanged.
import { readFileSync } from 'node:fs';

/**
 * `getConfig=i(()=>copy({},current),"getConfig")` in mermaid.min.js: the names are minified, the shape and the
 * function's registered name are stable across builds of one version (a new version is checked by the test).
 */
const GET_CONFIG = /(\b[\w$]+)=([\w$]+)\(\(\)=>([\w$]+)\(\{\},([\w$]+)\),"getConfig"\)/g;
const MEMO = 'globalThis.__ffeConfigMemo';

export type MermaidBundle = { text: string; memoized: boolean };

/** The bundle's text with getConfig() memoized, or as it is (and `memoized: false`) when the pattern is not found once. */
export function memoizeGetConfig(bundle: string): MermaidBundle {
  const found = [...bundle.matchAll(GET_CONFIG)];
  if (found.length !== 1) return { text: bundle, memoized: false };
  const text = bundle.replace(
    GET_CONFIG,
    (_all, name: string, register: string, copy: string, current: string) =>
      `${name}=${register}(()=>${current}===${MEMO}.source?${MEMO}.copy:(${MEMO}.source=${current},${MEMO}.copy=${copy}({},${current})),"getConfig")`,
  );
  return { text: `${MEMO}={};\n${text}`, memoized: true };
}

const loaded = new Map<string, MermaidBundle>();

export function mermaidBundle(path: string, memoize = true): MermaidBundle {
  const key = `${path}\u0000${memoize}`;
  let bundle = loaded.get(key);
  if (!bundle) {
    const text = readFileSync(path, 'utf8');
    bundle = memoize ? memoizeGetConfig(text) : { text, memoized: false };
    loaded.set(key, bundle);
  }
  return bundle;
}
