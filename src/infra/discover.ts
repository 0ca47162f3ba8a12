// Where the environments are, most specific rule first:
//   1. `clusters/<env>/` folders (the Flux and Argo CD convention), plus any GitOps root outside them;
//   2. GitOps roots wherever they sit (see flux-entry-points.ts): one environment per root folder;
//   3. a kustomization at the root: one environment named `default`;
//   4. kustomize `overlays/<env>/`;
//   5. every YAML file under the root, as one environment named `default`.
import { readdirSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { isDirectory, isInside } from './files.ts';
import { gitOpsEntryPoints } from './flux-entry-points.ts';
import { isKustomizeComponent, kustomizationFile } from './kustomize.ts';

export type Layout = 'flux-clusters' | 'gitops-roots' | 'kustomization' | 'kustomize-overlays' | 'plain';

export interface DiscoveredEnvironment {
  name: string;
  /** Absolute folder the environment starts from. */
  entry: string;
}

export const DEFAULT_ENVIRONMENT = 'default';

function subdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function isBuildable(dir: string): boolean {
  return !!kustomizationFile(dir) && !isKustomizeComponent(dir);
}

/** Environment names from entry folders: the folder's name, or its path when two folders share a name. */
function named(root: string, entries: readonly string[]): DiscoveredEnvironment[] {
  const base = (dir: string): string => (dir === root ? DEFAULT_ENVIRONMENT : basename(dir));
  const counts = new Map<string, number>();
  for (const dir of entries) counts.set(base(dir), (counts.get(base(dir)) ?? 0) + 1);
  return entries.map((dir) => ({
    name: counts.get(base(dir))! > 1 ? relative(root, dir).split(sep).join('-') || DEFAULT_ENVIRONMENT : base(dir),
    entry: dir,
  }));
}

export interface DiscoverOptions {
  /** Git repository root: Flux and Argo CD paths are relative to it. */
  repoRoot: string;
  /** A path written in a Flux / Argo CD object → existing absolute folder inside the repository (load.ts). */
  resolvePath: (path: string) => string | undefined;
}

export function discoverEnvironments(root: string, { repoRoot, resolvePath }: DiscoverOptions): { layout: Layout; environments: DiscoveredEnvironment[] } {
  const clusters = join(root, 'clusters');
  const clusterDirs = (isDirectory(clusters) ? subdirectories(clusters) : []).map((name) => join(clusters, name));
  const roots = gitOpsEntryPoints(root, repoRoot, resolvePath).map((e) => e.dir);
  if (clusterDirs.length > 0) {
    const others = roots.filter((dir) => !clusterDirs.some((c) => isInside(dir, c) || isInside(c, dir)));
    return { layout: 'flux-clusters', environments: named(root, [...clusterDirs, ...others]) };
  }
  if (roots.length > 0) return { layout: 'gitops-roots', environments: named(root, roots) };
  if (isBuildable(root)) return { layout: 'kustomization', environments: [{ name: DEFAULT_ENVIRONMENT, entry: root }] };
  const overlays = join(root, 'overlays');
  const overlayNames = subdirectories(overlays).filter((name) => isBuildable(join(overlays, name)));
  if (overlayNames.length > 0) {
    return { layout: 'kustomize-overlays', environments: overlayNames.map((name) => ({ name, entry: join(overlays, name) })) };
  }
  return { layout: 'plain', environments: [{ name: DEFAULT_ENVIRONMENT, entry: root }] };
}
