// What the manifests' loaders agree on about folders and files: which are read, and what lies inside what.
import { statSync } from 'node:fs';
import { sep } from 'node:path';

/** Folders never read for manifests (hidden ones are skipped too). */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules']);
export const YAML_FILE = /\.ya?ml$/i;
/** The names kustomize looks for in a folder, in its order. */
export const KUSTOMIZATION_FILES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `path` is `dir` or lies under it (both absolute). */
export function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}
