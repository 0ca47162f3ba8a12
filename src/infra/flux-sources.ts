// Where a Flux Kustomization's path is read from, as Flux resolves its `sourceRef`: this repository (no sourceRef, the
// GitRepository the cluster was bootstrapped from, another GitRepository of the same URL and branch), a folder of an
// ExternalArtifact assembled from this repository by an ArtifactGenerator (its copy rules mapped back to the
// repository's folders), or an external source (an OCIRepository, a Bucket, another repository or branch), which is
// not read from here: it is documented as such, with its URL and reference.
import { posix } from 'node:path';
import type { ArtifactCopy, GeneratedArtifact } from './kinds/artifacts.ts';
import { fluxSourceOf, type ObjectReference, type SourceReference } from './kinds/flux.ts';
import { generatedArtifactsOf } from './kinds/readers.ts';
import { apiGroupOf, type ExternalSource, type KubeObject } from './model.ts';

export type { ExternalSource } from './model.ts';

const FLUX_SOURCES = 'source.toolkit.fluxcd.io';
const BOOTSTRAP_SOURCE = 'flux-system/flux-system';

export type SourceResolution =
  | { kind: 'repository'; path: string; artifact?: string }
  | { kind: 'external'; source: ExternalSource; artifact?: string }
  | { kind: 'unresolved'; reason: string }
  /** An ExternalArtifact no generator read so far produces: asked again once every other folder is read. */
  | { kind: 'pending' };

/** This repository as the sources name it: its origin URL, and the sources the cluster was bootstrapped from. */
export interface RepositoryIdentity {
  origin?: string;
  branch?: string;
  /** `namespace/name` of the GitRepositories the environment's root Kustomizations read. */
  roots: Set<string>;
  /** URL and branch of those root GitRepositories. */
  rootUrls: { url: string; branch?: string }[];
}

/** An object as the loader holds it, with the namespace it lands in. */
export interface PlacedObject {
  object: KubeObject;
  namespace: string;
}

/** A Git URL reduced to host and path, so that `ssh://git@github.com/o/r` and `https://github.com/o/r.git` agree. */
export function comparableGitUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const text = url.trim().toLowerCase();
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/.exec(text);
  const hostPath = scp ? `${scp[1]}/${scp[2]}` : text.replace(/^[a-z+]+:\/\//, '').replace(/^[^@/]+@/, '').replace(/:\d+\//, '/');
  return hostPath.replace(/\/+$/, '').replace(/\.git$/, '');
}

/** `tag v1.14.4`, `semver >=1.0`, `branche main`…: what a source follows, as the site writes it. */
export function referenceText(ref: SourceReference): string | undefined {
  if (ref.digest) return `digest ${ref.digest}`;
  if (ref.commit) return `commit ${ref.commit}`;
  if (ref.tag) return `tag ${ref.tag}`;
  if (ref.semver) return `semver ${ref.semver}`;
  if (ref.name) return `référence ${ref.name}`;
  if (ref.branch) return `branche ${ref.branch}`;
  return undefined;
}

function findSource(pool: readonly PlacedObject[], kind: string, name: string, namespace: string): KubeObject | undefined {
  return pool.find(
    (p) => p.object.kind === kind && apiGroupOf(String(p.object.apiVersion ?? '')) === FLUX_SOURCES && p.object.metadata?.name === name && p.namespace === namespace,
  )?.object;
}

function external(kind: string, name: string, namespace: string, object: KubeObject | undefined): ExternalSource {
  const facts = object ? fluxSourceOf(object) : undefined;
  const ref = facts ? referenceText(facts.ref) : undefined;
  return { kind, name, namespace, ...(facts?.url ? { url: facts.url } : {}), ...(ref ? { ref } : {}) };
}

/** Whether a GitRepository is this repository: a root's source, or the same URL on the same branch. */
function isThisRepository(object: KubeObject, key: string, identity: RepositoryIdentity): boolean {
  // `flux bootstrap` names the source of the repository it commits to flux-system/flux-system.
  if (identity.roots.has(key) || key === BOOTSTRAP_SOURCE) return true;
  const { url, ref } = fluxSourceOf(object);
  const here = comparableGitUrl(url);
  if (!here) return false;
  const pinned = ref.tag ?? ref.semver ?? ref.commit ?? ref.name;
  if (pinned) return false;
  const candidates = [...identity.rootUrls, ...(identity.origin ? [{ url: identity.origin, branch: identity.branch }] : [])];
  return candidates.some((c) => comparableGitUrl(c.url) === here && (!ref.branch || !c.branch || c.branch === ref.branch));
}

/** The folder of the source a copy rule fills an artifact folder from: `dir/**` its contents, `dir/` the folder. */
function copiedFolder(rule: ArtifactCopy): { artifactDir: string; sourceDir: string; recursive: boolean } | undefined {
  const to = rule.to.replace(/\/+$/, '');
  const pattern = rule.pattern.replace(/^\.\//, '');
  if (rule.strategy === 'Extract') return undefined;
  if (pattern === '' || pattern === '**') return { artifactDir: to, sourceDir: '', recursive: true };
  if (pattern.endsWith('/**') && !/[*?[]/.test(pattern.slice(0, -3))) return { artifactDir: to, sourceDir: pattern.slice(0, -3), recursive: true };
  const parent = posix.dirname(pattern.replace(/\/+$/, ''));
  const last = posix.basename(pattern.replace(/\/+$/, ''));
  if (/[*?[]/.test(parent)) return undefined;
  // `dir/*.yaml`: the files of one folder.
  if (/[*?[]/.test(last)) return { artifactDir: to, sourceDir: parent === '.' ? '' : parent, recursive: false };
  // `dir/` or `dir`: the folder itself, inside the destination (a file copied alone fills no folder).
  if (rule.pattern.endsWith('/')) return { artifactDir: posix.join(to, last), sourceDir: pattern.replace(/\/+$/, ''), recursive: true };
  return undefined;
}

function within(path: string, dir: string): string | undefined {
  if (dir === '' || dir === '.') return path;
  if (path === dir) return '';
  return path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : undefined;
}

/**
 * A folder of an artifact as a folder of its source: the copy rule whose destination holds it (the deepest), so that
 * `./staging` of an artifact filled by `@repo/apps/staging/**` → `@artifact/staging/` is `apps/staging`.
 */
function artifactFolder(artifact: GeneratedArtifact, path: string): { alias: string; path: string } | undefined {
  const wanted = posix.normalize(path.replace(/^\.?\/+/, '') || '.').replace(/^\.$/, '');
  let best: { alias: string; path: string; depth: number } | undefined;
  for (const rule of artifact.copy) {
    const folder = copiedFolder(rule);
    if (!folder) continue;
    const rest = within(wanted, folder.artifactDir);
    if (rest === undefined || (!folder.recursive && rest !== '')) continue;
    const depth = folder.artifactDir === '' ? 0 : folder.artifactDir.split('/').length;
    if (!best || depth > best.depth) best = { alias: rule.alias, path: posix.join(folder.sourceDir || '.', rest || '.'), depth };
  }
  return best && { alias: best.alias, path: best.path };
}

function resolveArtifact(
  name: string,
  namespace: string,
  path: string,
  pool: readonly PlacedObject[],
  identity: RepositoryIdentity,
): SourceResolution {
  for (const generator of pool) {
    for (const artifact of generatedArtifactsOf(generator.object)) {
      if (artifact.name !== name || (artifact.namespace ?? generator.namespace) !== namespace) continue;
      const generatorName = `${generator.object.metadata?.name ?? ''}`;
      const folder = artifactFolder(artifact, path);
      if (!folder) {
        return { kind: 'unresolved', reason: `aucune règle de copie de l’ArtifactGenerator ${generatorName} ne remplit le dossier « ${path} » de l’artefact ${name}` };
      }
      const ref: ObjectReference | undefined = artifact.sources[folder.alias];
      if (!ref?.kind) return { kind: 'unresolved', reason: `la source « @${folder.alias} » n’est pas déclarée par l’ArtifactGenerator ${generatorName}` };
      const inner = resolveSource({ ...ref, kind: ref.kind }, ref.namespace ?? (artifact.namespace ?? generator.namespace), folder.path, pool, identity);
      if (inner.kind === 'repository' || inner.kind === 'external') return { ...inner, artifact: name };
      return inner;
    }
  }
  return { kind: 'pending' };
}

/** Where `path` of the source `ref` (read from a Kustomization of `namespace`) is. */
export function resolveSource(
  ref: ObjectReference | undefined,
  namespace: string,
  path: string,
  pool: readonly PlacedObject[],
  identity: RepositoryIdentity,
): SourceResolution {
  if (!ref?.kind) return { kind: 'repository', path };
  const sourceNamespace = ref.namespace ?? namespace;
  if (ref.kind === 'ExternalArtifact') return resolveArtifact(ref.name, sourceNamespace, path, pool, identity);
  const object = findSource(pool, ref.kind, ref.name, sourceNamespace);
  if (ref.kind === 'GitRepository') {
    // A GitRepository the manifests do not hold is the one `flux bootstrap` or a FluxInstance made: this repository.
    if (!object || isThisRepository(object, `${sourceNamespace}/${ref.name}`, identity)) return { kind: 'repository', path };
  }
  return { kind: 'external', source: external(ref.kind, ref.name, sourceNamespace, object) };
}

/** The root GitRepositories, as an identity entry: read from the objects named by the roots' sourceRefs. */
export function addRoot(identity: RepositoryIdentity, ref: ObjectReference | undefined, namespace: string, pool: readonly PlacedObject[]): void {
  if (ref?.kind !== 'GitRepository') return;
  const sourceNamespace = ref.namespace ?? namespace;
  identity.roots.add(`${sourceNamespace}/${ref.name}`);
  const object = findSource(pool, ref.kind, ref.name, sourceNamespace);
  if (!object) return;
  const { url, ref: followed } = fluxSourceOf(object);
  if (url) identity.rootUrls.push({ url, ...(followed.branch ? { branch: followed.branch } : {}) });
}
