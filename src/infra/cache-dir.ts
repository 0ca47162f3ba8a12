// Where the site's builds keep what they can reuse (kustomize renders, drawn diagrams): one folder, FFE_CACHE_DIR,
// else node_modules/.cache/ffe — gone with node_modules, as a fresh clone starts, and never committed.
import { join, resolve } from 'node:path';

export const CACHE_DIR_ENV = 'FFE_CACHE_DIR';

/** The folder of one cache (`diagrams`, `kustomize`) under the build cache. */
export function cacheDirOf(name: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const root = env[CACHE_DIR_ENV]?.trim() || resolve(cwd, 'node_modules/.cache/ffe');
  return join(root, name);
}
