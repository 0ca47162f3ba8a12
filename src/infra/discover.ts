// Where the environments are: Flux `clusters/<env>/`, else a root kustomization, else kustomize `overlays/<env>/`,
// else every YAML file under the root as one environment named `default`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { kustomizationFile } from './kustomize.ts';

export type Layout = 'flux-clusters' | 'kustomization' | 'kustomize-overlays' | 'plain';

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

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function discoverEnvironments(root: string): { layout: Layout; environments: DiscoveredEnvironment[] } {
  const clusters = join(root, 'clusters');
  const clusterNames = isDirectory(clusters) ? subdirectories(clusters) : [];
  if (clusterNames.length > 0) {
    return { layout: 'flux-clusters', environments: clusterNames.map((name) => ({ name, entry: join(clusters, name) })) };
  }
  if (kustomizationFile(root)) return { layout: 'kustomization', environments: [{ name: DEFAULT_ENVIRONMENT, entry: root }] };
  const overlays = join(root, 'overlays');
  const overlayNames = subdirectories(overlays).filter((name) => existsSync(join(overlays, name)) && kustomizationFile(join(overlays, name)));
  if (overlayNames.length > 0) {
    return { layout: 'kustomize-overlays', environments: overlayNames.map((name) => ({ name, entry: join(overlays, name) })) };
  }
  return { layout: 'plain', environments: [{ name: DEFAULT_ENVIRONMENT, entry: root }] };
}
