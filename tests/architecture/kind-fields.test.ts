// One reading of each kind: a Kubernetes object's `spec` is read by the parsers of src/infra/kinds/ only (each
// returns its values with the field they were read from). Anywhere else, a read of `spec` is a second reading that
// will drift from the first — as the Git ↔ cluster comparison's own did (Traefik `Host('…')`, GRPCRoute). Every such
// read is listed with its file and line, so that whoever adds it moves it into the kind's parser instead.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, ROOT } from './imports.ts';
import { codeOf, PARSERS, WRITERS } from './source-text.ts';

/** Reading `spec`: `x.spec`, `x?.spec`, `x['spec']`, a path naming it, `const { spec } = x`, a `specOf(…)` helper. */
const SPEC_READ = /\??\.spec\b|\[\s*'spec'\s*\]|'spec'|\{[^{}]*\bspec\b(?!\s*:)[^{}]*\}\s*=[^=>]|\bspecOf\s*\(/g;

/** « src/views/tables/storage.ts:54 reads spec: claimOf(pvc.object.spec) », one line per read. */
export function specReads(file: string, text: string): string[] {
  const code = codeOf(text);
  const lines = text.split('\n');
  return [...code.matchAll(SPEC_READ)].map((match) => {
    const line = code.slice(0, match.index).split('\n').length;
    return `${file}:${line} reads spec: ${lines[line - 1].trim()}`;
  });
}

function sources(): string[] {
  return [...filesUnder('src', ['.ts', '.astro', '.mjs']), ...filesUnder('scripts', ['.ts', '.mjs'])].filter(
    (file) => !file.startsWith(PARSERS) && !WRITERS.has(file),
  );
}

describe('the kind parsers', () => {
  it('are the only code that reads a Kubernetes object’s spec', () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((file) => specReads(file, readFileSync(join(ROOT, file), 'utf8')))).toEqual([]);
  });

  it('catches every way of reading spec, and nothing that only mentions it', () => {
    // The rule above, on planted offenders: a rule that cannot fail proves nothing.
    const planted = [
      "const claim = claimOf(pvc.object.spec);", // 1
      'const replicas = object?.spec?.replicas;', // 2
      "const spec = asRecord(object['spec']) ?? {};", // 3
      "const path = ['spec', 'replicas'];", // 4
      'const { spec, metadata } = resource.object;', // 5
      'const facts = specOf(resource);', // 6
      'const text = `${object.spec.replicas} répliques`;', // 7
      // Mentions, not reads: a comment, a message, a pod spec already parsed, an object written.
      '// the Deployment’s spec.replicas', // 8
      "const hint = 'Corrigez spec.scaleTargetRef, template.spec ou x.spec';", // 9
      'const containers = template.podSpec.containers;', // 10
      'const written = { apiVersion: "v1", kind: "Pod", spec: { containers: [] } };', // 11
      'const message = `Comparez ${field} avec spec.selector`;', // 12
    ].join('\n');
    expect(specReads('src/views/planted.ts', planted).map((read) => read.split(' reads ')[0])).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((line) => `src/views/planted.ts:${line}`),
    );
  });
});
