// What the manifests' loaders agree on about folders and files: which are read, and what lies inside what.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, sep } from 'node:path';

/**
 * Folders never read for manifests (hidden ones are skipped too): dependencies, vendored or generated trees, test
 * data — never the infrastructure (unreached.ts lists those holding objects).
 */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', 'testdata', 'cue.mod', 'vendor']);
export const YAML_FILE = /\.ya?ml$/i;
/** What Argo CD reads in a folder (and a plain repository holds): YAML and JSON manifests alike. */
export const MANIFEST_FILE = /\.(?:ya?ml|json)$/i;
/** The names kustomize looks for in a folder, in its order. */
export const KUSTOMIZATION_FILES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether `path` is `dir` or lies under it (both absolute). */
export function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/** Whether a file is a template of a Helm chart: under a `templates/` folder that has a `Chart.yaml` beside it. */
export function isChartTemplate(path: string, root: string): boolean {
  for (let dir = dirname(path); isInside(dir, root) && dir !== dirname(dir); dir = dirname(dir)) {
    if (basename(dir) === 'templates' && existsSync(`${dirname(dir)}${sep}Chart.yaml`)) return true;
  }
  return false;
}
