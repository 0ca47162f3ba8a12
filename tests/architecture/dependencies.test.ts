// Every package the code loads is declared in package.json with an exact version: a package that is only there
// because another one brings it can vanish or change with that other one's next release.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_PACKAGES } from '../../src/infra/index.ts';
import { filesUnder, importsIn, importsOf, ROOT } from './imports.ts';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const declared = { ...manifest.dependencies, ...manifest.devDependencies };

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const isBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));
// Comments and test samples quote `…`-style placeholders; only what can name a package is checked.
const namesPackage = (specifier: string): boolean => /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w.@/-]*)?$/.test(specifier);
// Astro's virtual modules (`astro:content`) are provided by astro itself.
const isVirtual = (specifier: string): boolean => /^[a-z]+:/.test(specifier);

/** A type-only package (`hast`) is declared through its DefinitelyTyped package (`@types/hast`). */
function isDeclared(name: string): boolean {
  return name in declared || `@types/${name.replace(/^@([^/]+)\/(.+)$/, '$1__$2')}` in declared;
}

function undeclared(files: string[]): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((i) => namesPackage(i.specifier) && !isBuiltin(i.specifier) && !isVirtual(i.specifier))
      .filter((i) => !isDeclared(packageOf(i.specifier)))
      .map((i) => `${i.at} loads '${i.specifier}'`),
  );
}

describe('dependencies', () => {
  const code = [
    ...filesUnder('src', ['.ts', '.astro', '.mjs']),
    ...filesUnder('scripts', ['.ts']),
    ...filesUnder('tests', ['.ts']),
    ...filesUnder('content', ['.mdx']),
    'astro.config.mjs',
    'content.config.ts',
    'vitest.config.ts',
  ];

  it('declares every package the code imports or resolves', () => {
    expect(code.length).toBeGreaterThan(50);
    expect(undeclared(code)).toEqual([]);
  });

  it('declares the schema packages the checks load by name', () => {
    expect(MODEL_PACKAGES.filter((name) => !isDeclared(name))).toEqual([]);
  });

  it('pins every declared package to an exact version', () => {
    expect(Object.entries(declared).filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version))).toEqual([]);
  });

  it('sees the forms of loading it guards against', () => {
    const sample = [
      "import DOMPurify from 'dompurify';",
      "import type { Root } from 'hast';",
      "const m = await import('chrome-launcher');",
      "const bundle = localRequire.resolve('mermaid/dist/mermaid.min.js');",
      "const dir = import.meta.resolve('@kubernetes-models/gateway-api');",
    ].join('\n');
    expect(importsIn('src/sample.ts', sample).map((i) => packageOf(i.specifier))).toEqual([
      'dompurify',
      'hast',
      'chrome-launcher',
      'mermaid',
      '@kubernetes-models/gateway-api',
    ]);
  });
});
