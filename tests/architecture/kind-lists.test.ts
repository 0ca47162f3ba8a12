// The kind registry is the only list of kinds: what a list elsewhere would say (which kinds run pods, are Flux
// sources, support an application…) is a property of their entries, so that adding a kind is adding one entry.
// A list of two kinds or more outside src/infra/kinds/ is listed here with its file and line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/infra/index.ts';
import { filesUnder, ROOT } from './imports.ts';
import { codeOf, PARSERS, WRITERS } from './source-text.ts';

const KIND_NAMES = new Set(KINDS.map((k) => k.kind));
const OPEN = '([{';
const CLOSE = ')]}';

/** The top-level elements of the array literal opening at `start`, and where it closes. */
function elements(code: string, start: number): { items: string[]; end: number } {
  const items: string[] = [];
  let depth = 0;
  let from = start + 1;
  for (let i = start; i < code.length; i++) {
    const c = code[i];
    if (c === "'" || c === '"' || c === '`') {
      const close = code.indexOf(c, i + 1);
      i = close === -1 ? code.length : close;
    } else if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) {
      depth--;
      if (depth === 0) {
        items.push(code.slice(from, i));
        return { items, end: i };
      }
    } else if (c === ',' && depth === 1) {
      items.push(code.slice(from, i));
      from = i + 1;
    }
  }
  return { items, end: code.length };
}

/** A kind named by a string literal: `'Deployment'`, or with its group, `'apps/Deployment'`, `'/Secret'`. */
function literalKind(text: string): string | undefined {
  const kind = /^\s*['"](?:[a-z0-9.-]*\/)?([A-Za-z]+)['"]\s*$/.exec(text)?.[1];
  return kind && KIND_NAMES.has(kind) ? kind : undefined;
}

/** The kind an element of a list names: a string literal, one in a tuple (`['apps', 'Deployment']`), `{ kind: … }`. */
function kindNamed(element: string): string | undefined {
  const item = element.trim();
  if (item.startsWith('[')) return elements(item, 0).items.map(literalKind).find((n) => n !== undefined);
  if (item.startsWith('{')) return literalKind(/\bkind:\s*(['"][A-Za-z]+['"])/.exec(item)?.[1] ?? '');
  return literalKind(item);
}

/** An array literal (or the array of a `new Set([…])`) naming two kinds of the registry or more. */
export function kindLists(file: string, text: string): string[] {
  // Comments out, strings kept: the lists are made of strings.
  const code = codeOf(text, { keepStrings: true });
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = code.indexOf('['); i !== -1; i = code.indexOf('[', i + 1)) {
    const names = new Set(elements(code, i).items.map(kindNamed).filter((n) => n !== undefined));
    if (names.size < 2) continue;
    const line = code.slice(0, i).split('\n').length;
    out.push(`${file}:${line} lists kinds: ${lines[line - 1].trim()}`);
    i = elements(code, i).end;
  }
  return out;
}

describe('the kind registry', () => {
  it('is the only list of kinds', () => {
    const files = [...filesUnder('src', ['.ts', '.astro', '.mjs']), ...filesUnder('scripts', ['.ts'])].filter(
      (f) => !f.startsWith(PARSERS) && !WRITERS.has(f),
    );
    expect(files.flatMap((file) => kindLists(file, readFileSync(join(ROOT, file), 'utf8')))).toEqual([]);
  });

  it('finds a list of kinds wherever it is written, and only lists of kinds', () => {
    const planted = [
      "const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];",
      "const SOURCES = new Set(['GitRepository', 'OCIRepository']);",
      "const DATA: [string, string][] = [['', 'PersistentVolumeClaim'], ['postgresql.cnpg.io', 'Cluster']];",
      "const RUNTIME = new Set(['/Endpoints', 'coordination.k8s.io/Lease']);",
      "const PODS = [{ group: 'postgresql.cnpg.io', kind: 'Cluster' }, { group: 'k8up.io', kind: 'Schedule' }];",
      "const directions = ['Ingress', 'Egress'];",
      "// ['Deployment', 'StatefulSet'] in a comment",
      "const one = resourcesOfKind(env, 'Cluster', ['postgresql.cnpg.io']);",
    ].join('\n');
    expect(kindLists('src/views/planted.ts', planted).map((l) => Number(l.split(' lists ')[0].split(':')[1]))).toEqual([1, 2, 3, 4, 5]);
  });
});
