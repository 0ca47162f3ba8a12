// No function longer than a screen and a half: past about a hundred lines, a function holds several ideas and the
// state they share (createDiagramRenderer was 299 lines over ten mutable variables). Every function of src/ and
// scripts/ — nested ones count in their parent, as a closure's state does — is measured from its first line to its
// last; one over the limit is listed with its file, line and name, so that it is split where it stands.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { filesUnder, ROOT } from './imports.ts';

const LIMIT = 100;

/**
 * Functions allowed over the limit, by `file:name`, each with the reason and its length today (it may only shrink).
 * None today: add one only with a reason a reviewer accepts, and remove it when the function is split.
 */
const ALLOWED: Readonly<Record<string, { lines: number; reason: string }>> = {};

export interface LongFunction {
  /** `src/render/mermaid.ts:273` */
  at: string;
  name: string;
  lines: number;
}

/** The TypeScript of a file: an Astro component's frontmatter, or the whole file. */
function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.astro')) return text;
  return /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
}

function nameOf(node: ts.SignatureDeclaration, source: ts.SourceFile): string {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText(source);
  return '(anonyme)';
}

/** Every function of `text` longer than `limit` lines. */
export function longFunctions(file: string, text: string, limit = LIMIT): LongFunction[] {
  const source = ts.createSourceFile(file, scriptOf(file, text), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > limit) found.push({ at: `${file}:${first + 1}`, name: nameOf(node, source), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('functions', () => {
  const files = [...filesUnder('src', ['.ts', '.astro', '.mjs']), ...filesUnder('scripts', ['.ts'])].filter((file) => !file.endsWith('.d.ts'));
  const measured = files.flatMap((file) => longFunctions(file, readFileSync(join(ROOT, file), 'utf8')));
  const key = (f: LongFunction): string => `${f.at.split(':')[0]}:${f.name}`;

  it(`stay under ${LIMIT} lines in src/ (model, views, renderer, components, site) and scripts/`, () => {
    expect(files.length).toBeGreaterThan(100);
    const over = measured.filter((f) => !(key(f) in ALLOWED) || f.lines > ALLOWED[key(f)].lines);
    expect(over.map((f) => `${f.at} ${f.name} : ${f.lines} lignes`)).toEqual([]);
  });

  it('list no exception that is no longer needed', () => {
    const stale = Object.keys(ALLOWED).filter((name) => !measured.some((f) => key(f) === name));
    expect(stale).toEqual([]);
  });

  it('are measured whole, nested functions included, in TypeScript files and Astro frontmatter', () => {
    const body = (n: number): string => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const planted = [
      `export function outer() {\n  const inner = () => {\n${body(60)}\n  };\n${body(50)}\n  return inner;\n}`,
      `class Renderer {\n  render() {\n${body(101)}\n  }\n}`,
      `const short = () => 1;`,
    ].join('\n');
    expect(longFunctions('src/planted.ts', planted).map((f) => [f.at, f.name, f.lines])).toEqual([
      ['src/planted.ts:1', 'outer', 115],
      ['src/planted.ts:117', 'render', 103],
    ]);
    const component = `---\nconst rows = items.map((item) => {\n${body(120)}\n});\n---\n<p>{rows}</p>\n`;
    expect(longFunctions('src/components/Planted.astro', component).map((f) => f.name)).toEqual(['(anonyme)']);
  });
});
