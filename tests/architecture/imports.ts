// What the architecture tests read: the files of a folder and the modules each one imports, with file and line, so
// that a failing rule names the exact import to move.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Import {
  /** `src/views/tables/storage.ts:6` */
  at: string;
  specifier: string;
  /** Repository path of the imported file for a relative specifier (`src/site/config.ts`), else the specifier. */
  target: string;
}

// Static imports and re-exports (`import … from`, `export … from`, `import '…'`), dynamic `import('…')`, and modules
// located by name at run time (`require('…')`, `require.resolve('…')`, `import.meta.resolve('…')`).
export const IMPORT =
  /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\b(?:\w*[rR]equire(?:\.resolve)?|import\.meta\.resolve)\(\s*['"]([^'"]+)['"]\s*\)/g;

export function specifierOf(match: RegExpMatchArray): string {
  return match[1] ?? match[2] ?? match[3] ?? match[4];
}

export function filesUnder(folder: string, extensions: readonly string[]): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext)))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

export function importsIn(file: string, text: string): Import[] {
  const found: Import[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = specifierOf(match);
    const line = text.slice(0, match.index).split('\n').length;
    const target = specifier.startsWith('.')
      ? relative(ROOT, resolve(ROOT, dirname(file), specifier)).split(sep).join('/')
      : specifier;
    found.push({ at: `${file}:${line}`, specifier, target });
  }
  return found;
}

export function importsOf(file: string): Import[] {
  return importsIn(file, readFileSync(join(ROOT, file), 'utf8'));
}
