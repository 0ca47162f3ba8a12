// What no entry point reaches is not the infrastructure: folders of the repository holding Kubernetes objects that no
// environment read (a bootstrap folder applied by hand, test data, a vendored tree, an unused overlay) are left out of
// the documentation and listed in one note, so that nothing is lost silently. Vendored and test-data folders are never
// read as manifests, even where a whole tree is read (a repository without entry points).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { isInside, MANIFEST_FILE, SKIPPED_DIRS } from './files.ts';
import { isKustomizeComponent } from './kustomize.ts';
import type { Finding } from './model.ts';
import { parseManifest } from './parse.ts';

/** Folders of generated or third-party trees and of tests, which the loader skips: never the infrastructure. */
const VENDORED_DIRS: ReadonlySet<string> = new Set([...SKIPPED_DIRS].filter((name) => name !== 'node_modules'));

const MAX_SCANNED_BYTES = 1024 * 1024;
const MAX_LISTED = 12;

function holdsObjects(dir: string, files: readonly string[]): boolean {
  return files.some((name) => {
    const path = join(dir, name);
    try {
      if (statSync(path).size > MAX_SCANNED_BYTES) return false;
      return parseManifest(path, readFileSync(path, 'utf8'), { detectHelmTemplates: false }).documents.length > 0;
    } catch {
      return false;
    }
  });
}

interface Walk {
  /** Folders read whole (a folder read recursively, a kustomize build): everything under them is reached. */
  subtrees: readonly string[];
  /** Folders holding a file some environment documents. */
  sources: ReadonlySet<string>;
  out: string[];
}

/**
 * Whether anything under `dir` is reached, and whether unreached objects lie under it; collects the topmost unreached
 * folders holding objects. A vendored folder is unreached wherever it is (the loader never reads it).
 */
function walk(dir: string, w: Walk, insideRead: boolean): { reached: boolean; objects: boolean } {
  const vendored = VENDORED_DIRS.has(basename(dir));
  // A kustomize Component is never applied alone: the builds that list it read it.
  const inside = !vendored && (insideRead || w.subtrees.some((t) => isInside(dir, t)) || isKustomizeComponent(dir));
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return { reached: inside, objects: false };
  }
  const children = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules').map((e) => join(dir, e.name));
  const below = children.map((child) => ({ child, ...walk(child, w, inside && !vendored) }));
  const reached = inside || w.sources.has(dir) || below.some((b) => b.reached);
  const files = entries.filter((e) => e.isFile() && MANIFEST_FILE.test(e.name)).map((e) => e.name);
  // Only an unreached folder is parsed: a reached one is documented already.
  const objects = !reached ? holdsObjects(dir, files) || below.some((b) => b.objects) : below.some((b) => b.objects);
  if (reached) for (const b of below) if (!b.reached && b.objects) w.out.push(b.child);
  return { reached, objects };
}

/** The topmost folders under `root` holding objects that no environment read, relative to `repoRoot`, sorted. */
export function unreachedFolders(root: string, repoRoot: string, subtrees: readonly string[], sourceDirs: ReadonlySet<string>): string[] {
  const w: Walk = { subtrees, sources: sourceDirs, out: [] };
  const top = walk(root, w, false);
  if (!top.reached && top.objects) w.out.push(root);
  return w.out.map((dir) => relative(repoRoot, dir).split(sep).join('/') || '.').sort();
}

/** The one note that lists them. */
export function unreachedNotice(folders: readonly string[]): Finding | undefined {
  if (folders.length === 0) return undefined;
  const shown = folders.slice(0, MAX_LISTED).map((f) => `${f}/`);
  const more = folders.length > MAX_LISTED ? ` (et ${folders.length - MAX_LISTED} autres)` : '';
  return {
    code: 'FFE-N-UNREACHED-FOLDERS',
    severity: 'notice',
    message: `${folders.length > 1 ? `${folders.length} dossiers contiennent` : 'Un dossier contient'} des objets Kubernetes qu’aucun point d’entrée n’atteint (aucune Kustomization Flux ni Application Argo CD ne les applique) : ils ne sont pas documentés — ${shown.join(', ')}${more}.`,
    hint: 'Normal pour un dossier d’amorçage appliqué à la main, des données de test ou du code tiers ; si l’un d’eux devait être déployé, vérifiez le chemin de la Kustomization ou de l’Application qui devrait l’appliquer.',
  };
}
