// A fresh clone with nothing beside it passes `npm test`: no test, helper or script reads a path outside the
// repository. Every relative path they locate from their own file or the project root must resolve inside it; a
// path that leaves it is listed with its file and line.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SCANNED = ['tests', 'scripts', 'src'];

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mjs|astro)$/.test(entry.name) && !entry.parentPath.includes(`${sep}fixtures`))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

// A string literal that starts as a relative path upwards, on a line that locates it from the file or the project
// (an MDX import written inside a test's page source is relative to that page, not to the test).
const RELATIVE_PATH = /(['"`])(\.\.\/[^'"`$\n]*)\1/g;
const LOCATED = /import\.meta|ROOT|process\.cwd\(\)/;

/** « tests/site/x.test.ts:8 reads '../../../elsewhere/file.md' », for each path leaving the repository. */
function escapingPaths(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const match of text.matchAll(RELATIVE_PATH)) {
    const lineText = text.slice(text.lastIndexOf('\n', match.index) + 1, text.indexOf('\n', match.index));
    if (!LOCATED.test(lineText)) continue;
    const target = resolve(dirname(file), match[2]);
    if (target === ROOT || target.startsWith(ROOT + sep)) continue;
    const line = text.slice(0, match.index).split('\n').length;
    out.push(`${relative(ROOT, file)}:${line} reads '${match[2]}'`);
  }
  return out;
}

describe('the repository', () => {
  it('reads nothing outside itself: every relative path of tests, scripts and sources stays inside', () => {
    const files = SCANNED.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(escapingPaths)).toEqual([]);
  });

  it('sees a path that leaves it', () => {
    // The scanner itself, on the form that was once in tests/site/manifesto.test.ts (built here so that this file
    // does not hold it).
    const up = ['..', '..', '..', 'shared', 'seed', 'manifeste.md'].join('/');
    const sample = `readFileSync(resolve(import.meta.dirname, '${up}'), 'utf8');`;
    expect(LOCATED.test(sample)).toBe(true);
    const found = [...sample.matchAll(RELATIVE_PATH)].map((m) => resolve(join(ROOT, 'tests/site'), m[2]));
    expect(found).toHaveLength(1);
    expect(found[0].startsWith(ROOT + sep)).toBe(false);
  });
});
