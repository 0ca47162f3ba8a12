// Data flows one way: manifests → src/infra (model) → src/views (plain data) → src/components (thin Astro) → pages,
// with I/O at the edges (src/site, src/render, scripts). An import against that flow is listed here with its file
// and line, so that whoever adds it sees where the logic should move instead.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Import {
  /** `src/views/tables/storage.ts:6` */
  at: string;
  specifier: string;
  /** Repository path of the imported file for a relative specifier (`src/site/config.ts`), else the specifier. */
  target: string;
}

// Static imports and re-exports (`import … from`, `export … from`, `import '…'`) and dynamic `import('…')`.
const IMPORT = /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function filesUnder(folder: string, extensions: readonly string[]): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext)))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: Import[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    const line = text.slice(0, match.index).split('\n').length;
    const target = specifier.startsWith('.')
      ? relative(ROOT, resolve(ROOT, dirname(file), specifier)).split(sep).join('/')
      : specifier;
    found.push({ at: `${file}:${line}`, specifier, target });
  }
  return found;
}

const isAstro = (i: Import): boolean =>
  /^(astro|@astrojs)(\/|:|$)/.test(i.specifier) || i.specifier.startsWith('astro:') || i.target.endsWith('.astro');
const isUnder = (...folders: string[]) => (i: Import): boolean => folders.some((folder) => i.target.startsWith(`src/${folder}/`));
const isNodeBuiltin = (i: Import): boolean => i.specifier.startsWith('node:') || builtinModules.includes(i.specifier);

/** « src/views/tables/storage.ts:6 imports '../../site/config.ts' », one line per offending import. */
function offending(files: string[], forbidden: (i: Import) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter(forbidden).map((i) => `${i.at} imports '${i.specifier}'`));
}

describe('layers', () => {
  it('keeps src/infra free of Astro, views, components, site and render code', () => {
    const files = filesUnder('src/infra', ['.ts']);
    expect(files.length).toBeGreaterThan(10);
    expect(offending(files, (i) => isAstro(i) || isUnder('views', 'components', 'site', 'render')(i))).toEqual([]);
  });

  it('keeps src/views pure data: no Astro, components, site or render code', () => {
    const files = filesUnder('src/views', ['.ts']);
    expect(files.length).toBeGreaterThan(5);
    expect(offending(files, (i) => isAstro(i) || isUnder('components', 'site', 'render')(i))).toEqual([]);
  });

  it('keeps I/O out of Astro components: no node: module under src/components', () => {
    const files = filesUnder('src/components', ['.astro', '.ts']);
    expect(files.length).toBeGreaterThan(10);
    expect(offending(files, isNodeBuiltin)).toEqual([]);
  });

  it('sees every kind of import it guards against', () => {
    // The scanner itself, on the forms the rules rely on: a missed form would let an offending import through.
    const sample = [
      "import { a } from '../site/config.ts';",
      "import type { B } from 'astro';",
      "export { c } from './x.ts';",
      "import 'node:fs';",
      "const m = await import('node:path');",
      'import {\n  d,\n  e,\n} from "@astrojs/starlight/components";',
    ].join('\n');
    const specifiers = [...sample.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
    expect(specifiers).toEqual(['../site/config.ts', 'astro', './x.ts', 'node:fs', 'node:path', '@astrojs/starlight/components']);
  });
});
