// Loading the manifests from disk: resolve the root, discover environments, render kustomize folders, follow Flux and
// Argo CD paths as their controllers would (Flux additions and substitutions included), then hand the parsed
// documents to the pure core (core.ts). Bad input never throws: it is a Finding.
import { execFile } from 'node:child_process';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { DEFAULT_NAMESPACE, type EnvironmentDocument } from './build.ts';
import { modelFromDocuments, type EnvironmentSource, type ModelOptions } from './core.ts';
import { outsideSecrets } from './outside-secrets.ts';
import { environmentChecks } from './checks/index.ts';
import { promotionFindings } from './checks/promotion.ts';
import { deployTargets, type DeployTarget } from './deployers.ts';
import { sortFindings } from './findings.ts';
import { applyConventions, type Conventions } from './rule-categories.ts';
import { applySeverities, type SeverityOverrides } from './severities.ts';
import type { ExternalObjectUse } from './core.ts';
import { discoverEnvironments, type DiscoveredEnvironment, type Layout } from './discover.ts';
import { addRoot, resolveSource, type ExternalSource, type PlacedObject, type RepositoryIdentity, type SourceResolution } from './flux-sources.ts';
import { isChartTemplate, isDirectory, isFile, isInside, MANIFEST_FILE, SKIPPED_DIRS, YAML_FILE } from './files.ts';
import { collectVariables, substituteDocuments, unresolvedNotice, type SubstituteReference } from './flux-substitution.ts';
import {
  findKustomize,
  hasAdditions,
  isKustomizeComponent,
  kustomizationFile,
  limiter,
  OriginIndex,
  renderConcurrency,
  renderKustomization,
  toRepoPath,
  type KustomizeAdditions,
  type RenderContext,
} from './kustomize.ts';
import { kustomizeCache, toolIdentity } from './kustomize-cache.ts';
import { unreachedFolders, unreachedNotice } from './unreached.ts';
import { compareText, type Finding, type KubeObject, type Model, type SourceLocation } from './model.ts';
import { environmentNameProblem } from './names.ts';
import { decodeManifest, MAX_FILE_BYTES, parseManifest, tooLargeFinding, type ParsedDocument } from './parse.ts';

export { environmentFromYaml, modelFromDocuments, modelFromYaml, sourcesFromYaml } from './core.ts';
export type { EnvironmentSource, ModelOptions, YamlFile } from './core.ts';

export const MANIFESTS_ENV = 'FFE_MANIFESTS';
export const DEFAULT_MANIFESTS = './manifests';

export interface LoadOptions {
  /** Manifests root (FFE_MANIFESTS is read by src/site/settings.ts); default ./manifests. Relative to `cwd`. */
  root?: string;
  cwd?: string;
  /** Default: every check, with `annotationPrefix` for the exemption annotations. */
  checks?: ModelOptions['checks'];
  /** Prefix of the policy exemption annotations (default: policy.ffe.fr). */
  annotationPrefix?: string;
  /** Severities the repository sets for itself, by rule id or finding code (`off` drops the finding). */
  severities?: SeverityOverrides;
  /** A folder where kustomize renders are kept between loads (kustomize-cache.ts); none by default. */
  kustomizeCacheDir?: string;
  /** Let kustomize fetch remote resources (http(s)://, git); refused by default (ffe.config.ts `remoteResources`). */
  remoteResources?: boolean;
  /** The comparison pair (environment where changes are tried, then the one they reach): checked when both exist. */
  compare?: readonly [string, string];
  /** FFE's conventions enforced (`ffe`, the default) or only noted (`none`: another repository's). */
  conventions?: Conventions;
}

export interface LoadedModel extends Model {
  layout?: Layout;
}

/** The manifests root, absolute: the one given, else ./manifests. */
export function resolveManifestsRoot(options: { root?: string; cwd?: string } = {}): string {
  const cwd = options.cwd ?? process.cwd();
  return resolve(cwd, options.root ?? DEFAULT_MANIFESTS);
}

/** The Git repository holding `dir` (source paths are relative to it), or `dir` itself outside Git. */
export function gitRoot(dir: string): Promise<string> {
  return new Promise((done) => {
    execFile('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', timeout: 10_000 }, (error, stdout) => {
      const top = stdout?.trim();
      done(!error && top ? safeRealpath(top) : dir);
    });
  });
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

interface Unit {
  documents: ParsedDocument[];
  findings: Finding[];
}

class Loader {
  private readonly units = new Map<string, Promise<Unit>>();
  private readonly files = new Map<string, Promise<Unit>>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly ctx: RenderContext | undefined;
  /** Folders read whole (recursively, or built by kustomize): what no environment reached is listed (unreached.ts). */
  readonly wholeFolders = new Set<string>();
  /** Helm charts met in folders read as manifests: never rendered here, listed in one note. */
  readonly charts = new Set<string>();
  readonly root: string;
  readonly repoRoot: string;

  constructor(root: string, repoRoot: string, options: { cacheDir?: string; remote?: boolean } = {}) {
    this.root = root;
    this.repoRoot = repoRoot;
    const tool = findKustomize();
    const cacheDir = options.cacheDir;
    this.ctx = tool && {
      tool,
      repoRoot,
      remote: options.remote ?? false,
      origins: new OriginIndex((path) => this.readCached(path)),
      limit: limiter(renderConcurrency()),
      ...(cacheDir ? { cache: kustomizeCache(cacheDir, repoRoot, toolIdentity(tool.command, tool.version)) } : {}),
    };
  }

  private readCached(path: string): string | undefined {
    if (!this.texts.has(path)) {
      try {
        this.texts.set(path, readFileSync(path, 'utf8'));
      } catch {
        this.texts.set(path, undefined);
      }
    }
    return this.texts.get(path);
  }

  repoPath(abs: string): string {
    return toRepoPath(this.repoRoot, abs);
  }

  private cached(key: string, load: () => Promise<Unit>): Promise<Unit> {
    let unit = this.units.get(key);
    if (!unit) {
      unit = load();
      this.units.set(key, unit);
    }
    return unit;
  }

  /**
   * A folder's documents: rendered by kustomize when it has a kustomization, else its YAML files (recursively, as
   * Flux reads a folder; only the top level when `recursive` is false, as Argo CD does by default). A kustomize
   * Component is never built on its own: only the kustomizations that list it build it.
   */
  dir(dir: string, recursive = true, json = false): Promise<Unit> {
    return this.cached(`${dir}\u0000${recursive}\u0000${json}`, () => this.loadDir(dir, recursive, json));
  }

  /** What a Flux Kustomization builds: its path with the components, patches, images and prefixes it adds. */
  build(dir: string, additions: KustomizeAdditions | undefined, addedAt?: SourceLocation, read: { recurse?: boolean; json?: boolean } = {}): Promise<Unit> {
    if (!hasAdditions(additions) || !this.ctx) return this.dir(dir, read.recurse ?? true, read.json ?? false);
    const ctx = this.ctx;
    return this.cached(`${dir}\u0000${JSON.stringify(additions)}`, async () => {
      this.wholeFolders.add(dir);
      if (kustomizationFile(dir)) return renderKustomization(dir, ctx, additions, undefined, addedAt);
      // Flux generates a kustomization listing the folder's manifests and sub-kustomizations, then adds to it.
      const listed = await this.plainResources(dir);
      const rendered = await renderKustomization(dir, ctx, additions, listed.resources, addedAt);
      return { documents: rendered.documents, findings: [...listed.findings, ...rendered.findings] };
    });
  }

  private missingKustomize(dir: string, kustomization: string): Unit {
    return {
      documents: [],
      findings: [
        {
          code: 'FFE-E-KUSTOMIZE-MISSING',
          severity: 'error',
          message: `Ni kubectl ni kustomize n’est installé : impossible de construire « ${this.repoPath(dir)} ».`,
          hint: 'Installez kubectl (qui contient kustomize) ou le binaire kustomize, puis relancez.',
          location: { path: this.repoPath(kustomization), line: 1 },
        },
      ],
    };
  }

  private async entries(dir: string): Promise<Dirent[] | Finding> {
    try {
      return (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => compareText(a.name, b.name));
    } catch (error) {
      return readFailure(this.repoPath(dir), error);
    }
  }

  /** Inside the repository, and not in its `.git` folder. */
  confined(abs: string): boolean {
    return isInside(abs, this.repoRoot) && !this.repoPath(abs).split('/').includes('.git');
  }

  /**
   * What a symbolic link of a manifests folder leads to: a file or folder of the repository is read like any other
   * (a folder only when it is not one of the link's own parents, which would loop), one outside is an error and is
   * never read; a broken link is skipped.
   */
  private followLink(link: string, from: string): { type: 'file' | 'dir'; real: string } | Finding | undefined {
    let real: string;
    try {
      real = realpathSync(link);
    } catch {
      return undefined;
    }
    if (!this.confined(real)) {
      return {
        code: 'FFE-E-OUTSIDE-REPOSITORY',
        severity: 'error',
        message: `« ${this.repoPath(link)} » est un lien symbolique vers un fichier en dehors du dépôt : il n’est pas lu.`,
        hint: 'Les manifestes sont lus dans le dépôt seulement, comme Flux les lit : copiez ce fichier dans le dépôt, ou supprimez le lien.',
        location: { path: this.repoPath(link), line: 1 },
      };
    }
    try {
      const stat = statSync(real);
      if (stat.isDirectory()) return isInside(safeRealpath(from), real) ? undefined : { type: 'dir', real };
      return stat.isFile() ? { type: 'file', real } : undefined;
    } catch {
      return undefined;
    }
  }

  private async loadDir(dir: string, recursive: boolean, json: boolean): Promise<Unit> {
    if (recursive) this.wholeFolders.add(dir);
    if (isFile(join(dir, 'Chart.yaml'))) {
      // A chart's templates are not manifests: the Helm release that installs the chart is what the site documents.
      this.charts.add(dir);
      this.wholeFolders.add(dir);
      return { documents: [], findings: [] };
    }
    const kustomization = kustomizationFile(dir);
    if (kustomization) {
      if (isKustomizeComponent(dir)) return { documents: [], findings: [] };
      if (!this.ctx) return this.missingKustomize(dir, kustomization);
      return renderKustomization(dir, this.ctx);
    }
    const entries = await this.entries(dir);
    if (!Array.isArray(entries)) return { documents: [], findings: [entries] };
    const parts: Promise<Unit>[] = [];
    const manifest = json ? MANIFEST_FILE : YAML_FILE;
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && recursive && !SKIPPED_DIRS.has(entry.name)) parts.push(this.dir(path, true, json));
      else if (entry.isFile() && manifest.test(entry.name)) parts.push(this.file(path));
      else if (entry.isSymbolicLink()) {
        const target = this.followLink(path, dir);
        if (target && 'code' in target) parts.push(Promise.resolve({ documents: [], findings: [target] }));
        else if (target?.type === 'dir' && recursive && !SKIPPED_DIRS.has(entry.name)) parts.push(this.dir(target.real, true, json));
        else if (target?.type === 'file' && manifest.test(entry.name)) parts.push(this.file(path));
      }
    }
    const units = await Promise.all(parts);
    return { documents: units.flatMap((u) => u.documents), findings: units.flatMap((u) => u.findings) };
  }

  /** The resources kustomize-controller lists for a folder without kustomization: manifests and sub-kustomizations. */
  private async plainResources(dir: string): Promise<{ resources: string[]; findings: Finding[] }> {
    const entries = await this.entries(dir);
    if (!Array.isArray(entries)) return { resources: [], findings: [entries] };
    const resources: string[] = [];
    const findings: Finding[] = [];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) {
        if (isFile(join(path, 'Chart.yaml'))) {
          this.charts.add(path);
          continue;
        }
        if (kustomizationFile(path)) {
          if (!isKustomizeComponent(path)) resources.push(path);
          continue;
        }
        const inner = await this.plainResources(path);
        resources.push(...inner.resources);
        findings.push(...inner.findings);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && YAML_FILE.test(entry.name)) {
        // kustomize-controller lists a linked file and reads what it leads to; a link leading out of the repository is
        // an error, and a linked folder is not walked (filepath.Walk does not follow links).
        const target = entry.isSymbolicLink() ? this.followLink(path, dir) : undefined;
        if (target && 'code' in target) {
          findings.push(target);
          continue;
        }
        if (entry.isSymbolicLink() && target?.type !== 'file') continue;
        const unit = await this.file(path);
        findings.push(...unit.findings);
        if (unit.documents.length > 0 && !unit.findings.some((f) => f.severity === 'error')) resources.push(path);
      }
    }
    return { resources, findings };
  }

  private file(path: string): Promise<Unit> {
    let unit = this.files.get(path);
    if (!unit) {
      unit = this.readFile(path);
      this.files.set(path, unit);
    }
    return unit;
  }

  private async readFile(path: string): Promise<Unit> {
    const repoPath = this.repoPath(path);
    try {
      const size = (await stat(path)).size;
      if (size > MAX_FILE_BYTES) return { documents: [], findings: [tooLargeFinding(repoPath, size, MAX_FILE_BYTES)] };
      const decoded = decodeManifest(repoPath, await readFile(path));
      if ('finding' in decoded) return { documents: [], findings: [decoded.finding] };
      return parseManifest(repoPath, decoded.text, { chartTemplate: isChartTemplate(path, this.repoRoot) });
    } catch (error) {
      return { documents: [], findings: [readFailure(repoPath, error)] };
    }
  }

  /**
   * A Flux / Argo CD path, relative to the repository root (or, failing that, to the manifests root): an existing folder
   * whose real path lies in the repository, `outside` when it exists but leads out of it (a symbolic link, `../..`).
   */
  locateGitPath(path: string): string | 'outside' | undefined {
    const clean = path.replace(/^\.\//, '').replace(/^\/+/, '');
    let outside = false;
    for (const base of [this.repoRoot, this.root]) {
      const abs = resolve(base, clean);
      if (!isDirectory(abs)) continue;
      if (!this.confined(abs) || !this.confined(safeRealpath(abs))) {
        outside = true;
        continue;
      }
      return abs;
    }
    return outside ? 'outside' : undefined;
  }

  /** A Flux / Argo CD path as an existing folder of the repository, or undefined. */
  resolveGitPath(path: string): string | undefined {
    const dir = this.locateGitPath(path);
    return dir === 'outside' ? undefined : dir;
  }
}

/** What a file-system error code means, in French (the code itself when it is a rare one). */
const READ_CAUSES: Readonly<Record<string, string>> = {
  ENOENT: 'fichier introuvable',
  EACCES: 'permission refusée',
  EPERM: 'opération non permise',
  EISDIR: 'c’est un dossier',
  ELOOP: 'boucle de liens symboliques',
  ENAMETOOLONG: 'chemin trop long',
  EMFILE: 'trop de fichiers ouverts',
  EIO: 'erreur d’entrée-sortie du disque',
};

function readFailure(path: string, error: unknown): Finding {
  const code = (error as NodeJS.ErrnoException)?.code ?? 'inconnue';
  return {
    code: 'FFE-E-READ',
    severity: 'error',
    message: `Lecture impossible : ${READ_CAUSES[code] ?? `erreur ${code}`}.`,
    hint: 'Vérifiez que le fichier existe et qu’il est lisible.',
    location: { path, line: 1 },
  };
}

type Target = DeployTarget<EnvironmentDocument>;

interface Pending {
  dir: string;
  target?: Target;
  /** Waves this target already waited for the ConfigMaps / Secrets its substitutions read. */
  waited: number;
}

/** Where an object lands: the deploying tool's namespace rules, as toResource applies them. */
function effectiveNamespace(doc: EnvironmentDocument): string {
  return doc.targetNamespace ?? (doc.object.metadata?.namespace ? String(doc.object.metadata.namespace) : undefined) ?? doc.defaultNamespace ?? DEFAULT_NAMESPACE;
}

/** Two targets asking for the same build of the same folder are one (a root Kustomization and its own folder). */
function targetKey(dir: string, target: Target | undefined): string {
  const asked = {
    ...(hasAdditions(target?.additions) ? { additions: target.additions } : {}),
    ...(target?.targetNamespace ? { targetNamespace: target.targetNamespace } : {}),
    ...(target?.defaultNamespace ? { defaultNamespace: target.defaultNamespace } : {}),
    ...(target?.commonMetadata ? { commonMetadata: target.commonMetadata } : {}),
    ...(target?.postBuild ? { postBuild: target.postBuild } : {}),
    ...(target && !target.recurse ? { recurse: false } : {}),
  };
  return `${dir}\u0000${JSON.stringify(asked)}`;
}

/** The documents of a target as they enter the environment: namespace rules, deployer, Flux commonMetadata. */
function placed(documents: readonly ParsedDocument[], target: Target | undefined): EnvironmentDocument[] {
  return documents.map((doc): EnvironmentDocument => {
    let object = doc.object;
    const common = target?.commonMetadata;
    if (common && (Object.keys(common.labels).length > 0 || Object.keys(common.annotations).length > 0)) {
      object = structuredClone(object);
      const metadata = (object.metadata ??= {});
      if (Object.keys(common.labels).length > 0) metadata.labels = { ...(metadata.labels ?? {}), ...common.labels };
      if (Object.keys(common.annotations).length > 0) metadata.annotations = { ...(metadata.annotations ?? {}), ...common.annotations };
    }
    return {
      object,
      source: doc.source,
      ...(doc.lines ? { lines: doc.lines } : {}),
      ...(target?.targetNamespace ? { targetNamespace: target.targetNamespace } : {}),
      ...(target?.defaultNamespace ? { defaultNamespace: target.defaultNamespace } : {}),
      ...(target ? { deployedBy: target.from.object } : {}),
    };
  });
}

/** The ConfigMap or Secret a substituteFrom entry names, in the Kustomization's namespace (else the only one so named). */
function findVariableSource(pool: readonly EnvironmentDocument[], ref: SubstituteReference, namespace: string): KubeObject | undefined {
  const candidates = pool.filter((doc) => doc.object.kind === ref.kind && doc.object.apiVersion === 'v1' && doc.object.metadata?.name === ref.name);
  const here = candidates.find((doc) => effectiveNamespace(doc) === namespace);
  if (here) return here.object;
  return candidates.length === 1 ? candidates[0].object : undefined;
}

const MAX_WAITS = 8;
/**
 * Waves of deployers followed in one environment. Real repositories nest a few levels deep (a root, its
 * Kustomizations, theirs); a Kustomization whose substitutions rewrite itself is followed again at every wave.
 */
export const MAX_WAVES = 64;

function wavesFinding(pending: Pending, folder: string): Finding {
  return {
    code: 'FFE-E-DEPLOY-LIMIT',
    severity: 'error',
    message: `Plus de ${MAX_WAVES} niveaux de Kustomizations et d’Applications imbriquées : la lecture de cet environnement s’arrête là (limite de profondeur).`,
    hint: 'Une Kustomization qui se redéploie elle-même, modifiée par ses propres substitutions, ne s’arrête jamais : vérifiez ses postBuild.substitute.',
    location: pending.target?.from.source ?? { path: folder, line: 1 },
  };
}

interface LoadedEnvironment extends EnvironmentSource {
  remote: RemoteDeploy[];
}

/** What one environment's reading shares between its waves. */
interface EnvironmentReading {
  name: string;
  entry: string;
  /** The entry folder is read with its `.json` manifests (not a Flux cluster folder, which Flux lists YAML of). */
  entryJson: boolean;
  identity: RepositoryIdentity;
  documents: EnvironmentDocument[];
  findings: Finding[];
  documentsOf: Map<string, EnvironmentDocument[]>;
  /** Kustomizations whose ExternalArtifact no generator read so far produces: asked again at the end. */
  deferred: Target[];
  externalSources: ExternalObjectUse[];
  artifactFolders: NonNullable<EnvironmentSource['artifactFolders']>;
  /** What Kustomizations apply to other clusters through `spec.kubeConfig` (read into those clusters' environments). */
  remote: RemoteDeploy[];
}

/** A folder a Kustomization applies to another cluster (`spec.kubeConfig`). */
export interface RemoteDeploy {
  dir: string;
  target: Target;
}

function placedPool(documents: readonly EnvironmentDocument[]): PlacedObject[] {
  return documents.map((doc) => ({ object: doc.object, namespace: effectiveNamespace(doc) }));
}

function deployName(follow: Target): string {
  return `${follow.from.object.kind} ${follow.from.object.metadata?.name ?? ''}`;
}

/** The findings of a folder that cannot be followed: out of the repository, missing, or in a source not found. */
function notFollowed(follow: Target, env: string, why: 'outside' | 'missing' | { reason: string }, path: string): Finding {
  const at = { location: follow.from.source, env };
  if (why === 'outside') {
    return {
      code: 'FFE-E-OUTSIDE-REPOSITORY',
      severity: 'error',
      message: `Le chemin « ${path} » de ${deployName(follow)} mène en dehors du dépôt (lien symbolique ou « .. ») : non suivi.`,
      hint: 'Flux ne lit que le dépôt de sa source : donnez un chemin dans le dépôt, sans lien symbolique vers l’extérieur.',
      ...at,
    };
  }
  if (why !== 'missing') {
    return {
      code: 'FFE-W-CONTENT-MISSING',
      severity: 'warning',
      message: `Le contenu de ${deployName(follow)} est introuvable : ${why.reason}. Ce qu’elle applique n’est pas documenté.`,
      hint: 'Vérifiez spec.sourceRef et spec.path, et l’ArtifactGenerator qui produit l’artefact (ses règles copy).',
      ...at,
    };
  }
  if (follow.sourceRef) {
    return {
      code: 'FFE-W-CONTENT-MISSING',
      severity: 'warning',
      message: `Le chemin « ${path} » de ${deployName(follow)} n’existe pas dans ce dépôt, qui est sa source : ce qu’elle applique n’est pas documenté.`,
      hint: 'Corrigez spec.path (relatif à la racine du dépôt, ou de l’artefact qu’elle applique).',
      ...at,
    };
  }
  return {
    code: 'FFE-N-PATH-NOT-FOLLOWED',
    severity: 'notice',
    message: `Le chemin « ${path} » de ${deployName(follow)} n’existe pas dans ce dépôt : non suivi.`,
    hint: 'Normal s’il désigne un autre dépôt ; sinon corrigez le chemin (relatif à la racine du dépôt Git).',
    ...at,
  };
}

function externalNotice(follow: Target, env: string, use: ExternalSource, artifact: string | undefined): Finding {
  const where = [use.url, use.ref].filter(Boolean).join(', ');
  return {
    code: 'FFE-N-EXTERNAL-SOURCE',
    severity: 'notice',
    message: `${deployName(follow)} applique « ${follow.path} » de ${use.kind} ${use.name}${artifact ? ` (via l’artefact ${artifact})` : ''}${where ? ` (${where})` : ''}, une source extérieure à ce dépôt : son contenu n’est pas documenté ici.`,
    hint: 'Rien à faire : pour documenter ce contenu, pointez FFE_MANIFESTS sur le dépôt de cette source.',
    location: follow.from.source,
    env,
  };
}

/** Where a deployer's folder is, as its source says; a folder to read next, or nothing (said in a finding). */
function followDeploy(loader: Loader, reading: EnvironmentReading, follow: Target, pool: () => PlacedObject[], last = false): Pending | undefined {
  const resolution: SourceResolution = follow.sourceRef
    ? resolveSource(follow.sourceRef, effectiveNamespace(follow.from), follow.path, pool(), reading.identity)
    : { kind: 'repository', path: follow.path };
  if (resolution.kind === 'pending') {
    if (!last) reading.deferred.push(follow);
    else reading.findings.push(notFollowed(follow, reading.name, { reason: `aucun ArtifactGenerator du dépôt ne produit l’ExternalArtifact ${follow.sourceRef?.name}` }, follow.path));
    return undefined;
  }
  if (resolution.kind === 'unresolved') {
    reading.findings.push(notFollowed(follow, reading.name, { reason: resolution.reason }, follow.path));
    return undefined;
  }
  if (resolution.kind === 'external') {
    reading.externalSources.push({ deployer: follow.from.object, path: follow.path, source: resolution.source, ...(resolution.artifact ? { artifact: resolution.artifact } : {}) });
    reading.findings.push(externalNotice(follow, reading.name, resolution.source, resolution.artifact));
    return undefined;
  }
  const located = loader.locateGitPath(resolution.path);
  if (located === 'outside' || !located) {
    reading.findings.push(notFollowed(follow, reading.name, located === 'outside' ? 'outside' : 'missing', resolution.path));
    return undefined;
  }
  if (resolution.artifact) reading.artifactFolders.push({ deployer: follow.from.object, artifact: resolution.artifact, folder: loader.repoPath(located) });
  if (follow.kubeConfigSecret) {
    reading.remote.push({ dir: located, target: follow });
    return undefined;
  }
  const key = targetKey(located, follow);
  const already = reading.documentsOf.get(key);
  if (already) {
    // Flux's root Kustomization deploys the cluster folder that declares it: what it holds is its to manage.
    for (const doc of already) if (!doc.deployedBy && doc.object !== follow.from.object) doc.deployedBy = follow.from.object;
    return undefined;
  }
  reading.documentsOf.set(key, []);
  return { dir: located, target: follow, waited: 0 };
}

/** The GitRepositories the entry folder's own Kustomizations read (`flux bootstrap`'s flux-system): this repository. */
function noteRoots(loader: Loader, reading: EnvironmentReading, arriving: readonly EnvironmentDocument[], pool: PlacedObject[]): void {
  for (const follow of deployTargets(arriving)) {
    const dir = loader.resolveGitPath(follow.path);
    if (dir && isInside(reading.entry, dir)) addRoot(reading.identity, follow.sourceRef, effectiveNamespace(follow.from), pool);
  }
}

/**
 * One environment: its entry folder (or the folders a hub applies to it), then every folder its Flux / Argo CD
 * objects deploy, wave after wave, each build of a folder once. A Flux Kustomization whose substitutions read a
 * ConfigMap or Secret deployed by another one waits for it (Flux would retry until it exists) as long as other folders
 * are still being read.
 */
async function loadEnvironment(
  loader: Loader,
  name: string,
  entry: string,
  { identity, start, entryJson = false }: { identity: RepositoryIdentity; start?: readonly RemoteDeploy[]; entryJson?: boolean },
): Promise<LoadedEnvironment> {
  const reading: EnvironmentReading = {
    name,
    entry,
    entryJson,
    identity: { ...identity, roots: new Set(identity.roots), rootUrls: [...identity.rootUrls] },
    documents: [],
    findings: [],
    documentsOf: new Map(),
    deferred: [],
    externalSources: [],
    artifactFolders: [],
    remote: [],
  };
  let wave: Pending[] = start ? start.map((r) => ({ dir: r.dir, target: r.target, waited: 0 })) : [{ dir: entry, waited: 0 }];
  for (const p of wave) reading.documentsOf.set(targetKey(p.dir, p.target), []);
  let waves = 0;
  while (wave.length > 0) {
    if (++waves > MAX_WAVES) {
      reading.findings.push(wavesFinding(wave[0], loader.repoPath(wave[0].dir)));
      break;
    }
    wave = await readWave(loader, reading, wave, waves === 1 && !start);
    if (wave.length === 0 && reading.deferred.length > 0) {
      const deferred = reading.deferred.splice(0);
      const pool = placedPool(reading.documents);
      wave = deferred.flatMap((follow) => followDeploy(loader, reading, follow, () => pool, true) ?? []);
    }
  }
  const { documents, findings, externalSources, artifactFolders, remote } = reading;
  return { name, documents, findings, externalSources, artifactFolders, remote };
}

/** One wave: the folders read at once, their substitutions, and the folders they deploy (the next wave). */
async function readWave(loader: Loader, reading: EnvironmentReading, wave: readonly Pending[], first: boolean): Promise<Pending[]> {
  const units = await Promise.all(
    wave.map((p) =>
      p.target ? loader.build(p.dir, p.target.additions, p.target.from.source, { recurse: p.target.recurse, json: p.target.json === true }) : loader.dir(p.dir, true, reading.entryJson),
    ),
  );
  const arriving = units.map((unit, index) => placed(unit.documents, wave[index].target));
  // What substitutions may read: everything kept so far, and what this wave brings.
  const pool = [...reading.documents, ...arriving.flat()];
  let placedObjects: PlacedObject[] | undefined;
  const sources = (): PlacedObject[] => (placedObjects ??= placedPool(pool));
  if (first) noteRoots(loader, reading, arriving.flat(), sources());
  const ready: number[] = [];
  const waiting: number[] = [];
  const variables = wave.map((p) => {
    const postBuild = p.target?.postBuild;
    if (!postBuild) return undefined;
    const namespace = effectiveNamespace(p.target!.from);
    return collectVariables(postBuild, (ref) => findVariableSource(pool, ref, namespace));
  });
  wave.forEach((p, index) => ((variables[index]?.missing.length ?? 0) > 0 && p.waited < MAX_WAITS ? waiting : ready).push(index));

  const next: Pending[] = [];
  const accept = (index: number): void => {
    const pending = wave[index];
    const unit = units[index];
    let added = arriving[index];
    reading.findings.push(...unit.findings);
    const target = pending.target;
    const vars = variables[index];
    if (target?.postBuild && vars) {
      const substituted = substituteDocuments(added, vars.values);
      added = substituted.documents;
      reading.findings.push(...substituted.findings.map((f) => ({ ...f, env: reading.name })));
      const notice = unresolvedNotice(target.from, reading.name, substituted.unresolved, substituted.encrypted, vars.missing, substituted.secret);
      if (notice) reading.findings.push(notice);
    }
    reading.documents.push(...added);
    reading.documentsOf.set(targetKey(pending.dir, target), added);
    for (const follow of deployTargets(added)) {
      const pendingNext = followDeploy(loader, reading, follow, sources);
      if (pendingNext) next.push(pendingNext);
    }
  };
  ready.forEach(accept);
  if (next.length > 0) {
    // Other folders may still bring the ConfigMaps and Secrets these substitutions read.
    for (const index of waiting) next.push({ ...wave[index], waited: wave[index].waited + 1 });
  } else {
    waiting.forEach(accept);
  }
  return next;
}

/** An environment whose folder name cannot become a page address or a title: not documented, and said so. */
function environmentNameFinding(name: string, folder: string): Finding {
  return {
    code: 'FFE-E-INVALID-ENVIRONMENT',
    severity: 'error',
    message: `Nom d’environnement « ${[...name].slice(0, 80).join('')} » refusé : il ${environmentNameProblem(name)}. Cet environnement n’est pas documenté.`,
    hint: 'Renommez le dossier de cet environnement (par exemple clusters/production).',
    location: { path: folder, line: 1 },
  };
}

function rootFinding(root: string, cwd: string): Finding {
  const shown = relative(cwd, root) || '.';
  return {
    code: 'FFE-E-MANIFESTS-ROOT',
    severity: 'error',
    message: `Dossier des manifestes introuvable : « ${shown} ».`,
    hint: `Créez le dossier « manifests/ », ou indiquez-en un autre avec la variable d’environnement ${MANIFESTS_ENV}.`,
  };
}

/** The Helm charts met where manifests were read, in one note: their templates are not manifests. */
function chartsNotice(charts: readonly string[]): Finding | undefined {
  if (charts.length === 0) return undefined;
  const sorted = [...charts].sort(compareText);
  const shown = sorted.slice(0, 12).map((c) => `${c}/`);
  return {
    code: 'FFE-N-HELM-CHARTS',
    severity: 'notice',
    message: `${charts.length > 1 ? `${charts.length} charts Helm se trouvent` : 'Un chart Helm se trouve'} dans les dossiers lus comme manifestes : leurs gabarits ne sont pas des manifestes et ne sont pas rendus — ${shown.join(', ')}${charts.length > 12 ? ` (et ${charts.length - 12} autres)` : ''}.`,
    hint: 'Ce que la documentation montre d’un chart vient de l’objet qui l’installe (HelmRelease, HelmChart, Application Argo CD) ; rien à faire.',
  };
}

/** The folders holding a file some environment documents (absolute). */
function sourceFolders(repoRoot: string, sources: readonly EnvironmentSource[]): Set<string> {
  return new Set(sources.flatMap((s) => s.documents.map((d) => dirname(resolve(repoRoot, d.source.path)))));
}

function git(dir: string, args: string[]): Promise<string | undefined> {
  return new Promise((done) => {
    execFile('git', args, { cwd: dir, encoding: 'utf8', timeout: 10_000 }, (error, stdout) => done(error ? undefined : stdout.trim() || undefined));
  });
}

/** This repository as Flux sources name it: its origin URL and the branch checked out. */
async function repositoryIdentity(repoRoot: string): Promise<RepositoryIdentity> {
  const [origin, branch] = await Promise.all([git(repoRoot, ['remote', 'get-url', 'origin']), git(repoRoot, ['symbolic-ref', '--quiet', '--short', 'HEAD'])]);
  return { ...(origin ? { origin } : {}), ...(branch ? { branch } : {}), roots: new Set(), rootUrls: [] };
}

/**
 * Hub and spokes: what a Kustomization applies through `spec.kubeConfig` belongs to the target cluster's environment —
 * the one whose folder holds the applied path, else the one named like the Kustomization's namespace (made when the
 * repository has none). Such an environment is read from what the hub applies to it (its substitutions and target
 * namespaces included), not from its folder alone.
 */
async function withSpokes(loader: Loader, identity: RepositoryIdentity, environments: readonly DiscoveredEnvironment[], first: LoadedEnvironment[]): Promise<LoadedEnvironment[]> {
  const spokes = new Map<string, { entry: string; deploys: RemoteDeploy[] }>();
  for (const loaded of first) {
    for (const deploy of loaded.remote) {
      const target =
        environments.find((e) => e.name !== loaded.name && isInside(deploy.dir, e.entry)) ??
        environments.find((e) => e.name === effectiveNamespace(deploy.target.from) && e.name !== loaded.name);
      const name = target?.name ?? effectiveNamespace(deploy.target.from);
      if (name === loaded.name || environmentNameProblem(name)) {
        (loaded.findings ??= []).push({
          code: 'FFE-N-REMOTE-CLUSTER',
          severity: 'notice',
          message: `${deployName(deploy.target)} applique « ${deploy.target.path} » à un autre cluster (spec.kubeConfig) qu’aucun environnement du dépôt ne décrit : ce contenu n’est pas documenté.`,
          hint: 'Placez le dossier appliqué sous clusters/<nom du cluster>/, ou donnez à la Kustomization le namespace nommé comme ce cluster.',
          location: deploy.target.from.source,
          env: loaded.name,
        });
        continue;
      }
      (loaded.appliedElsewhere ??= []).push({ deployer: deploy.target.from.object, path: deploy.target.path, env: name });
      const spoke = spokes.get(name) ?? { entry: target?.entry ?? deploy.dir, deploys: [] };
      spoke.deploys.push(deploy);
      spokes.set(name, spoke);
    }
  }
  if (spokes.size === 0) return first;
  const reread = await Promise.all([...spokes].map(([name, spoke]) => loadEnvironment(loader, name, spoke.entry, { identity, start: spoke.deploys })));
  return [...first.filter((e) => !spokes.has(e.name)), ...reread];
}

/** The whole Model of the manifests root: every environment, relation, component and finding (sorted). */
export async function loadModel(options: LoadOptions = {}): Promise<LoadedModel> {
  const cwd = options.cwd ?? process.cwd();
  const requested = resolveManifestsRoot({ root: options.root, cwd });
  let rootIsDir = false;
  try {
    rootIsDir = statSync(requested).isDirectory();
  } catch {
    rootIsDir = false;
  }
  if (!rootIsDir) {
    return { ...modelFromDocuments([], { root: requested, findings: applySeverities([rootFinding(requested, cwd)], options.severities), checks: options.checks }) };
  }
  const root = safeRealpath(requested);
  const repoRoot = await gitRoot(root);
  const loader = new Loader(root, repoRoot, { cacheDir: options.kustomizeCacheDir, remote: options.remoteResources });
  const { layout, environments: discovered } = discoverEnvironments(root, { repoRoot, resolvePath: (path) => loader.resolveGitPath(path) });
  const refused = discovered.filter((e) => environmentNameProblem(e.name));
  const environments = discovered.filter((e) => !refused.includes(e));
  const identity = await repositoryIdentity(repoRoot);
  const first = await Promise.all(environments.map((e) => loadEnvironment(loader, e.name, e.entry, { identity, entryJson: layout !== 'flux-clusters' })));
  const sources = await withSpokes(loader, identity, environments, first);
  const unreached = unreachedNotice(unreachedFolders(root, repoRoot, [...loader.wholeFolders], sourceFolders(repoRoot, sources)));
  const charts = chartsNotice([...loader.charts].map((dir) => loader.repoPath(dir)));
  const checks = options.checks ?? environmentChecks({ annotationPrefix: options.annotationPrefix });
  const secretOutside = outsideSecrets(root, (abs) => loader.repoPath(abs));
  const model = modelFromDocuments(sources, {
    root,
    repoRoot,
    checks,
    secretOutside,
    findings: [...refused.map((e) => environmentNameFinding(e.name, loader.repoPath(e.entry))), ...(unreached ? [unreached] : []), ...(charts ? [charts] : [])],
  });
  // Across two environments, with the overlays on disk to locate each finding at the line that makes it.
  const pairFindings = options.compare && checks.length > 0 ? promotionFindings(model, options.compare) : [];
  const findings = applyConventions([...model.findings, ...pairFindings], options.conventions);
  return { ...model, findings: sortFindings(applySeverities(findings, options.severities)), layout };
}
