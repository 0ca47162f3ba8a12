// Data flows one way: manifests → src/infra (model) → src/views (plain data) → src/components (thin Astro) → pages,
// with I/O at the edges (src/site, src/render, scripts). An import against that flow is listed here with its file
// and line, so that whoever adds it sees where the logic should move instead.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, IMPORT, importsIn, importsOf, ROOT, specifierOf, type Import } from './imports.ts';

const isAstro = (i: Import): boolean =>
  /^(astro|@astrojs)(\/|:|$)/.test(i.specifier) || i.specifier.startsWith('astro:') || i.target.endsWith('.astro');
const isUnder = (...folders: string[]) => (i: Import): boolean => folders.some((folder) => i.target.startsWith(`src/${folder}/`));
const isNodeBuiltin = (i: Import): boolean => i.specifier.startsWith('node:') || builtinModules.includes(i.specifier);

/** src/infra/index.ts is the public API of the model: anything else under src/infra is its own business. */
const INFRA_API = 'src/infra/index.ts';
const isDeepInfraImport = (i: Import): boolean => i.target.startsWith('src/infra/') && i.target !== INFRA_API;
/** The fork's settings (ffe.config.ts, read and validated by src/site): the model and the views never see them. */
const isConfigImport = (i: Import): boolean => i.target === 'ffe.config.ts';

/**
 * Tests reach src/infra through its public API too, but for the unit tests of modules that are internal by design
 * (the loading machinery, the field readers, the overlay reader, the safeguards against a hostile repository): each
 * may import the modules it tests, and those only.
 */
const UNIT_TESTS: Readonly<Record<string, readonly string[]>> = {
  'tests/infra/flux-substitution.test.ts': ['src/infra/flux-substitution.ts'],
  'tests/infra/kustomize-cache.test.ts': ['src/infra/kustomize-cache.ts'],
  'tests/infra/yaml-parsing.test.ts': ['src/infra/parse.ts'],
  'tests/infra/manifest-fields.test.ts': ['src/infra/fields.ts'],
  'tests/compare/overlay-file.test.ts': ['src/infra/compare/overlay-file.ts'],
  'tests/safety/units.test.ts': [
    'src/infra/flux-substitution.ts',
    'src/infra/kustomize.ts',
    'src/infra/kustomize-inputs.ts',
    'src/infra/names.ts',
    'src/infra/secret-mask.ts',
    'src/infra/terminal.ts',
  ],
};

const testFiles = (): string[] => filesUnder('tests', ['.ts']).filter((f) => !f.includes('/fixtures/'));

/** The names a module exports through `export { … } from` / `export type { … } from` (the public API's only forms). */
export function exportedNames(text: string): string[] {
  return [...text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap((m) =>
    m[1]
      .split(',')
      .map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!.trim())
      .filter(Boolean),
  );
}

/** The names `text` (the source of `file`) imports from src/infra/index.ts. */
export function namesImportedFromApi(file: string, text: string): string[] {
  return [...text.matchAll(/\bimport\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)]
    .filter((m) => importsIn(file, `import '${m[2]}';`)[0].target === INFRA_API)
    .flatMap((m) => m[1].split(','))
    .map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0].trim())
    .filter(Boolean);
}

/** « src/views/tables/storage.ts:6 imports '../../site/config.ts' », one line per offending import. */
function offending(files: string[], forbidden: (i: Import) => boolean, imports: (file: string) => Import[] = importsOf): string[] {
  return files.flatMap((file) => imports(file).filter(forbidden).map((i) => `${i.at} imports '${i.specifier}'`));
}

/** Everything outside src/infra that reaches the model: views, components, site, renderer, scripts, root configs. */
function modelClients(): string[] {
  return [
    ...['views', 'components', 'site', 'render', 'styles'].flatMap((folder) => filesUnder(`src/${folder}`, ['.ts', '.astro', '.mjs'])),
    ...filesUnder('src', ['.ts']).filter((f) => f.split('/').length === 2),
    ...filesUnder('scripts', ['.ts']),
    'astro.config.mjs',
    'content.config.ts',
  ];
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

  it('reaches the model through src/infra/index.ts only', () => {
    const files = modelClients();
    expect(files.length).toBeGreaterThan(50);
    expect(offending(files, isDeepInfraImport)).toEqual([]);
  });

  it('reaches the model through src/infra/index.ts from the tests too, but for the unit tests of internal modules', () => {
    const files = testFiles();
    expect(files.length).toBeGreaterThan(50);
    const deep = (file: string) => (i: Import) => isDeepInfraImport(i) && !(UNIT_TESTS[file] ?? []).includes(i.target);
    expect(files.flatMap((file) => importsOf(file).filter(deep(file)).map((i) => `${i.at} imports '${i.specifier}'`))).toEqual([]);
  });

  it('names in src/infra/index.ts what its clients use: no `export *`, no name without a client', () => {
    const api = readFileSync(join(ROOT, INFRA_API), 'utf8');
    expect(api).not.toMatch(/export\s*\*/);
    const used = new Set([...modelClients(), ...testFiles()].flatMap((file) => namesImportedFromApi(file, readFileSync(join(ROOT, file), 'utf8'))));
    expect(exportedNames(api).filter((name) => !used.has(name))).toEqual([]);
  });

  it('keeps the site settings (ffe.config.ts) out of the model and the views', () => {
    // What a fork configures reaches them as arguments (the default environment, the annotation prefix…), chosen by
    // src/site; source links are built there too, so no exception remains.
    const files = [...filesUnder('src/infra', ['.ts']), ...filesUnder('src/views', ['.ts'])];
    expect(offending(files, isConfigImport)).toEqual([]);
  });

  it('catches a deep import into src/infra and an import of the site settings, from any client', () => {
    // The rules above, on planted offenders: a rule that cannot fail proves nothing.
    const planted: Record<string, string> = {
      'src/views/tables/planted.ts': "import { asRecord } from '../../infra/fields.ts';\nimport { endpointsOf } from '../../infra/index.ts';",
      'src/components/Planted.astro': "---\nimport type { Model } from '../infra/model.ts';\n---",
      'scripts/planted.ts': "import { loadModel } from '../src/infra/load.ts';",
      'src/infra/kinds/planted.ts': "import ffeConfig from '../../../ffe.config.ts';",
      'src/views/prose/planted.ts': "import ffeConfig from '../../../ffe.config.ts';",
    };
    const imports = (file: string) => importsIn(file, planted[file]);
    expect(offending(Object.keys(planted), isDeepInfraImport, imports)).toEqual([
      "src/views/tables/planted.ts:1 imports '../../infra/fields.ts'",
      "src/components/Planted.astro:2 imports '../infra/model.ts'",
      "scripts/planted.ts:1 imports '../src/infra/load.ts'",
    ]);
    expect(offending(Object.keys(planted), isConfigImport, imports)).toEqual([
      "src/infra/kinds/planted.ts:1 imports '../../../ffe.config.ts'",
      "src/views/prose/planted.ts:1 imports '../../../ffe.config.ts'",
    ]);
  });

  it('reads the names a client imports from the public API, and the names the API exports', () => {
    const client = "import { a, type B } from '../../infra/index.ts';\nimport type { C as D } from '../../infra/index.ts';\nimport { e } from '../../infra/model.ts';";
    expect(namesImportedFromApi('src/views/tables/planted.ts', client)).toEqual(['a', 'B', 'C']);
    expect(exportedNames("export { a, b as c, type D } from './x.ts';\nexport type { E } from './y.ts';")).toEqual(['a', 'c', 'D', 'E']);
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
    const specifiers = [...sample.matchAll(IMPORT)].map(specifierOf);
    expect(specifiers).toEqual(['../site/config.ts', 'astro', './x.ts', 'node:fs', 'node:path', '@astrojs/starlight/components']);
  });
});
