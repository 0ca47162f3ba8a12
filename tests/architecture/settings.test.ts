// Settings are read once: every FFE_* variable (and CI) is read by src/site/settings.ts, which hands typed values to
// the rest of the code. A read anywhere else — in the site, the scripts or the tests — is listed with its file and
// line, so that it moves there instead of growing a second reading with its own default.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VARIABLES } from '../../src/site/settings.ts';
import { filesUnder, ROOT } from './imports.ts';

const SETTINGS = 'src/site/settings.ts';

// `env.FFE_X`, `env?.FFE_X`, `env['FFE_X']`, `env[SOME_ENV]` (a constant naming a variable), `const { FFE_X } = process.env`,
// on process.env, import.meta.env or any object called env.
const READ =
  /\benv\s*(?:\?\.|\.)\s*(?:FFE_\w+|CI)\b|\benv\s*(?:\?\.)?\[\s*(['"`])(?:FFE_\w+|CI)\1\s*\]|\benv\s*(?:\?\.)?\[\s*[A-Z][A-Z0-9_]*_ENV\s*\]|\{[^}]*\bFFE_\w+\b[^}]*\}\s*=\s*(?:process|import\.meta)\.env\b/g;

/** « scripts/x.ts:12 reads process.env.FFE_NGINX », one line per read. */
export function variableReads(file: string, text: string): string[] {
  return [...text.matchAll(READ)].map((match) => `${file}:${text.slice(0, match.index).split('\n').length} reads ${match[0]}`);
}

function codeFiles(): string[] {
  // This file plants reads of its own, to prove the scanner.
  const tests = filesUnder('tests', ['.ts']).filter((file) => !file.startsWith('tests/fixtures/') && file !== 'tests/architecture/settings.test.ts');
  return [
    ...filesUnder('src', ['.ts', '.astro', '.mjs']),
    ...filesUnder('scripts', ['.ts']),
    ...tests,
    'astro.config.mjs',
    'content.config.ts',
    'ffe.config.ts',
    'vitest.config.ts',
  ];
}

describe('settings', () => {
  it('are read from the environment by src/site/settings.ts only', () => {
    const files = codeFiles();
    expect(files.length).toBeGreaterThan(100);
    const reads = files.filter((file) => file !== SETTINGS).flatMap((file) => variableReads(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(reads).toEqual([]);
  });

  it('are the variables the README documents, no more, no fewer', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Variables d’environnement'), readme.indexOf('## Organisation'));
    const documented = new Set([...section.matchAll(/^\|[^|]*\|/gm)].flatMap((row) => [...row[0].matchAll(/`(FFE_\w+|CI)(?:=[^`]*)?`/g)].map((m) => m[1])));
    expect([...documented].sort()).toEqual([...new Set(Object.values(VARIABLES))].sort());
  });

  it('sees every way of reading a variable it guards against', () => {
    const planted = [
      "const dir = process.env.FFE_CACHE_DIR ?? 'x';",
      'if (env?.FFE_DIAGRAMS) {}',
      "const on = env['FFE_ALLOW_ERRORS'] === '1';",
      'const strict = options.strict ?? process.env.CI === "true";',
      'const root = process.env[MANIFESTS_ENV];',
      'const { FFE_SNAPSHOT: snapshot } = process.env;',
      // Not reads: a child's environment, a name in a message.
      "spawn(cmd, { env: { ...process.env, FFE_DIAGRAMS: 'ssr' } });",
      'throw new Error(`${ALLOW_ERRORS_ENV}=1 pour construire quand même`);',
    ].join('\n');
    expect(variableReads('src/planted.ts', planted)).toEqual([
      'src/planted.ts:1 reads env.FFE_CACHE_DIR',
      'src/planted.ts:2 reads env?.FFE_DIAGRAMS',
      "src/planted.ts:3 reads env['FFE_ALLOW_ERRORS']",
      'src/planted.ts:4 reads env.CI',
      'src/planted.ts:5 reads env[MANIFESTS_ENV]',
      'src/planted.ts:6 reads { FFE_SNAPSHOT: snapshot } = process.env',
    ]);
  });
});
