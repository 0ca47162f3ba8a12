// Test-only loader: renders one environment the way Flux does, starting at manifests/clusters/<env> and following
// every Flux Kustomization of this repository (spec.path, relative to the Git root) with `kubectl kustomize`.
import { execFileSync } from 'node:child_process';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { type KubeObject } from '../../src/infra/index.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface RenderedPath {
  /** Folder rendered, relative to the repository root. */
  path: string;
  /** The Flux Kustomization that points at it (namespace/name), or 'entrypoint'. */
  via: string;
  objects: KubeObject[];
}

export interface RenderedEnvironment {
  env: string;
  paths: RenderedPath[];
  objects: KubeObject[];
}

export function kustomize(dir: string): KubeObject[] {
  const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return parseAllDocuments(out)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null && typeof o === 'object');
}

function isFluxKustomization(o: KubeObject): boolean {
  return o.kind === 'Kustomization' && (o.apiVersion ?? '').startsWith('kustomize.toolkit.fluxcd.io/');
}

export function renderEnvironment(env: string, repoRoot = REPO_ROOT): RenderedEnvironment {
  const entry = resolve(repoRoot, 'manifests/clusters', env);
  const queue: { dir: string; via: string }[] = [{ dir: entry, via: 'entrypoint' }];
  const seen = new Set<string>();
  const paths: RenderedPath[] = [];
  while (queue.length > 0) {
    const { dir, via } = queue.shift()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const objects = kustomize(dir);
    paths.push({ path: relative(repoRoot, dir), via, objects });
    for (const o of objects) {
      if (!isFluxKustomization(o)) continue;
      const spec = (o.spec ?? {}) as { path?: string; sourceRef?: { kind?: string; name?: string } };
      // Only Kustomizations reading this repository can be followed offline.
      if (spec.sourceRef?.kind !== 'GitRepository' || spec.sourceRef.name !== 'flux-system' || !spec.path) continue;
      queue.push({ dir: resolve(repoRoot, spec.path), via: `${o.metadata?.namespace}/${o.metadata?.name}` });
    }
  }
  return { env, paths, objects: paths.flatMap((p) => p.objects) };
}
