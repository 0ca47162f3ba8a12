// The inline scripts the build itself emits, as a known list for the Content-Security-Policy (scripts/csp.ts): the
// `<script is:inline>` blocks of the components (Starlight's theme, search and sidebar scripts, ours), and the module
// scripts Vite bundles for the pages, which Astro writes inline when they are small. A script found in a built page
// but not in this list was not written by the build — text from the manifests that escaped its escaping — so it is
// never hashed: the build stops on it, naming the page. The list is written beside the assets
// (`_astro/ffe-inline-scripts.json`), for scripts/csp.ts to read after the build.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Plugin } from 'vite';
import { siteError } from './errors.ts';

export const INLINE_SCRIPTS_FILE = '_astro/ffe-inline-scripts.json';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the components holding `is:inline` scripts are. */
const COMPONENT_DIRS = ['node_modules/@astrojs/starlight', 'node_modules/astro/components', 'src'];
const IS_INLINE = /<script\b([^>]*)\bis:inline\b([^>]*)>([\s\S]*?)<\/script>/g;

export function scriptHash(code: string): string {
  return `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;
}

function astroFiles(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') astroFiles(path, out);
    else if (entry.isFile() && entry.name.endsWith('.astro')) out.push(path);
  }
  return out;
}

/** The bodies of the components' `<script is:inline>` blocks, which Astro writes as they are (without define:vars). */
export function componentInlineScripts(root = PROJECT_ROOT): string[] {
  const out: string[] = [];
  for (const dir of COMPONENT_DIRS) {
    for (const file of astroFiles(join(root, dir))) {
      for (const match of readFileSync(file, 'utf8').matchAll(IS_INLINE)) {
        if (!/define:vars/.test(match[1] + match[2])) out.push(match[3]);
      }
    }
  }
  return out;
}

const SCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module']);

function scriptElements(node: Root | Element, found: Element[] = []): Element[] {
  const children = node.type === 'element' && node.tagName === 'template' && node.content ? node.content.children : node.children;
  for (const child of children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'script') found.push(child);
    else scriptElements(child, found);
  }
  return found;
}

/** `'sha256-…'` of every executable inline script of one HTML document, in document order. */
export function inlineScriptHashes(html: string): string[] {
  return scriptElements(fromHtml(html))
    .filter((el) => el.properties.src === undefined)
    .filter((el) => SCRIPT_TYPES.has(String(el.properties.type ?? '').trim().toLowerCase()))
    .map((el) => el.children.map((c) => (c.type === 'text' ? c.value : '')).join(''))
    .filter((code) => code.length > 0)
    .map(scriptHash);
}

function htmlFilesOf(dir: string, base = dir, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) htmlFilesOf(path, base, out);
    else if (entry.isFile() && entry.name.endsWith('.html')) out.push(relative(base, path).split(sep).join('/'));
  }
  return out.sort();
}

/** Every built page with the hashes of its inline scripts (pages without any are left out). */
export function pageInlineScripts(distDir: string): Map<string, string[]> {
  const pages = new Map<string, string[]>();
  for (const file of htmlFilesOf(distDir)) {
    const hashes = inlineScriptHashes(readFileSync(join(distDir, file), 'utf8'));
    if (hashes.length > 0) pages.set(file, hashes);
  }
  return pages;
}

const SLOT = Symbol.for('ffe.bundledScripts');
type Holder = { [SLOT]?: Set<string> };

function bundled(): Set<string> {
  return ((globalThis as Holder)[SLOT] ??= new Set());
}

/** Records the code of every chunk the client build emits, as Astro would inline it (trimmed). */
function recordBundledScripts(): Plugin {
  return {
    name: 'ffe:record-bundled-scripts',
    enforce: 'pre',
    generateBundle(_options, bundle) {
      // The pages' scripts come from the client build; the server build's chunks never reach a browser.
      if (this.environment && this.environment.name !== 'client') return;
      for (const output of Object.values(bundle)) if (output.type === 'chunk') bundled().add(scriptHash(output.code.trim()));
    },
  };
}

/** The known list of a build: hashes of its components' inline scripts and of its bundled scripts. */
export function knownScriptHashes(): string[] {
  return [...new Set([...componentInlineScripts().map(scriptHash), ...bundled()])].sort();
}

/** The known list written by the build of `distDir`, or undefined when there is none (built before, or elsewhere). */
export function readKnownScriptHashes(distDir: string): Set<string> | undefined {
  try {
    const list = JSON.parse(readFileSync(join(distDir, INLINE_SCRIPTS_FILE), 'utf8')) as unknown;
    return Array.isArray(list) ? new Set(list.map(String)) : undefined;
  } catch {
    return undefined;
  }
}

/** Inline scripts of `pages` (file → hashes) that the known list does not hold, as « file : hash » lines. */
export function unknownInlineScripts(pages: ReadonlyMap<string, readonly string[]>, known: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const [file, hashes] of pages) for (const hash of hashes) if (!known.has(hash)) out.push(`${file} : ${hash}`);
  return out;
}

/** The integration: records the bundled scripts while Vite builds, then writes the known list and checks every page. */
export function inlineScriptsIntegration(): AstroIntegration {
  return {
    name: 'ffe:inline-scripts',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        bundled().clear();
        updateConfig({ vite: { plugins: [recordBundledScripts()] } });
      },
      'astro:build:done': ({ dir }) => {
        const distDir = fileURLToPath(dir);
        const known = knownScriptHashes();
        const unknown = unknownInlineScripts(pageInlineScripts(distDir), new Set(known));
        if (unknown.length > 0) {
          throw siteError(
            'Script inconnu dans le site construit',
            `${unknown.length} script(s) inline que la construction n’a pas écrits :\n${unknown.slice(0, 20).join('\n')}`,
            'Un texte des manifestes a échappé à l’échappement HTML : signalez-le avec la page nommée ; le site n’est pas publiable en l’état.',
          );
        }
        const file = join(distDir, INLINE_SCRIPTS_FILE);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `${JSON.stringify(known, null, 1)}\n`);
      },
    },
  };
}
