// Loading the manifests from disk: resolve the root, discover environments, render kustomize folders, follow Flux and
// Argo CD paths, then hand the parsed documents to the pure core (core.ts). Bad input never throws: it is a Finding.
import { execFile } from 'node:child_process';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { EnvironmentDocument } from './build.ts';
import { modelFromDocuments, type EnvironmentSource, type ModelOptions } from './core.ts';
import { discoverEnvironments, isDirectory, type Layout } from './discover.ts';
import { asRecord } from './fields.ts';
import { ARGO_CD, argoApplicationOf, FLUX_KUSTOMIZE, fluxKustomizationOf } from './kinds/flux.ts';
import { findKustomize, kustomizationFile, limiter, OriginIndex, renderKustomization, toRepoPath, type RenderContext } from './kustomize.ts';
import { apiGroupOf, compareText, type Finding, type KubeObject, type Model } from './model.ts';
import { MAX_FILE_BYTES, parseManifest, tooLargeFinding, type ParsedDocument } from './parse.ts';

export { environmentFromYaml, modelFromDocuments, modelFromYaml, sourcesFromYaml } from './core.ts';
export type { EnvironmentSource, ModelOptions, YamlFile } from './core.ts';

export const MANIFESTS_ENV = 'FFE_MANIFESTS';
export const DEFAULT_MANIFESTS = './manifests';

export interface LoadOptions {
  /** Manifests root; default: $FFE_MANIFESTS, else ./manifests. Relative paths are resolved against `cwd`. */
  root?: string;
  cwd?: string;
  checks?: ModelOptions['checks'];
}

export interface LoadedModel extends Model {
  layout?: Layout;
}

/** The manifests root: option, then $FFE_MANIFESTS, then ./manifests; absolute. */
export function resolveManifestsRoot(options: { root?: string; cwd?: string } = {}): string {
  const cwd = options.cwd ?? process.cwd();
  return resolve(cwd, options.root ?? (process.env[MANIFESTS_ENV] || DEFAULT_MANIFESTS));
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

const SKIPPED_DIRS = new Set(['node_modules']);
const YAML_FILE = /\.ya?ml$/i;

class Loader {
  private readonly units = new Map<string, Promise<Unit>>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly ctx: RenderContext | undefined;
  readonly root: string;
  readonly repoRoot: string;

  constructor(root: string, repoRoot: string) {
    this.root = root;
    this.repoRoot = repoRoot;
    const tool = findKustomize();
    this.ctx = tool && {
      tool,
      repoRoot,
      origins: new OriginIndex((path) => this.readCached(path)),
      limit: limiter(Math.max(1, Math.min(4, availableParallelism()))),
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

  /** A folder's documents: rendered by kustomize when it has a kustomization, else its YAML files, recursively. */
  dir(dir: string): Promise<Unit> {
    let unit = this.units.get(dir);
    if (!unit) {
      unit = this.loadDir(dir);
      this.units.set(dir, unit);
    }
    return unit;
  }

  private async loadDir(dir: string): Promise<Unit> {
    const kustomization = kustomizationFile(dir);
    if (kustomization) {
      if (!this.ctx) {
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
      return renderKustomization(dir, this.ctx);
    }
    let entries;
    try {
      entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => compareText(a.name, b.name));
    } catch (error) {
      return { documents: [], findings: [readFailure(this.repoPath(dir), error)] };
    }
    const parts: Promise<Unit>[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) parts.push(this.dir(path));
      else if (entry.isFile() && YAML_FILE.test(entry.name)) parts.push(this.file(path));
    }
    const units = await Promise.all(parts);
    return { documents: units.flatMap((u) => u.documents), findings: units.flatMap((u) => u.findings) };
  }

  private async file(path: string): Promise<Unit> {
    const repoPath = this.repoPath(path);
    try {
      const size = (await stat(path)).size;
      if (size > MAX_FILE_BYTES) return { documents: [], findings: [tooLargeFinding(repoPath, size, MAX_FILE_BYTES)] };
      return parseManifest(repoPath, await readFile(path, 'utf8'));
    } catch (error) {
      return { documents: [], findings: [readFailure(repoPath, error)] };
    }
  }

  /** A Flux / Argo CD path, relative to the repository root (or, failing that, to the manifests root). */
  resolveGitPath(path: string): string | undefined {
    const clean = path.replace(/^\.\//, '').replace(/^\/+/, '');
    for (const base of [this.repoRoot, this.root]) {
      const abs = resolve(base, clean);
      const inside = abs === this.repoRoot || abs.startsWith(this.repoRoot + sep) || abs === this.root || abs.startsWith(this.root + sep);
      if (inside && isDirectory(abs)) return abs;
    }
    return undefined;
  }
}

function readFailure(path: string, error: unknown): Finding {
  const code = (error as NodeJS.ErrnoException)?.code ?? 'inconnue';
  return {
    code: 'FFE-E-READ',
    severity: 'error',
    message: `Lecture impossible (${code}).`,
    hint: 'Vérifiez que le fichier existe et qu’il est lisible.',
    location: { path, line: 1 },
  };
}

interface FollowTarget {
  path: string;
  targetNamespace?: string;
  defaultNamespace?: string;
  from: ParsedDocument;
}

/** Flux Kustomizations and Argo CD Applications that deploy a folder of (possibly) this repository. */
export function followTargets(documents: readonly ParsedDocument[]): FollowTarget[] {
  const out: FollowTarget[] = [];
  for (const doc of documents) {
    const group = apiGroupOf(doc.object.apiVersion ?? '');
    if (!asRecord(doc.object.spec)) continue;
    if (group === FLUX_KUSTOMIZE && doc.object.kind === 'Kustomization') {
      const { path, targetNamespace } = fluxKustomizationOf(doc.object);
      out.push({ path, targetNamespace, from: doc });
    } else if (group === ARGO_CD && doc.object.kind === 'Application') {
      const { namespace, sources } = argoApplicationOf(doc.object);
      for (const source of sources) if (source.path && !source.chart) out.push({ path: source.path, defaultNamespace: namespace, from: doc });
    }
  }
  return out;
}

/** One environment: its entry folder, then every folder its Flux / Argo CD objects deploy (each folder once). */
async function loadEnvironment(loader: Loader, name: string, entry: string): Promise<EnvironmentSource> {
  const documents: EnvironmentDocument[] = [];
  const findings: Finding[] = [];
  const visited = new Set<string>([entry]);
  const documentsOf = new Map<string, EnvironmentDocument[]>();
  let wave: { dir: string; targetNamespace?: string; defaultNamespace?: string; deployedBy?: KubeObject }[] = [{ dir: entry }];
  while (wave.length > 0) {
    const units = await Promise.all(wave.map((w) => loader.dir(w.dir)));
    const next: typeof wave = [];
    units.forEach((unit, index) => {
      const { dir, targetNamespace, defaultNamespace, deployedBy } = wave[index];
      const added = unit.documents.map(
        (doc): EnvironmentDocument => ({
          ...doc,
          ...(targetNamespace ? { targetNamespace } : {}),
          ...(defaultNamespace ? { defaultNamespace } : {}),
          ...(deployedBy ? { deployedBy } : {}),
        }),
      );
      documents.push(...added);
      documentsOf.set(dir, added);
      findings.push(...unit.findings);
      for (const target of followTargets(unit.documents)) {
        const dir = loader.resolveGitPath(target.path);
        if (!dir) {
          findings.push({
            code: 'FFE-N-PATH-NOT-FOLLOWED',
            severity: 'notice',
            message: `Le chemin « ${target.path} » de ${target.from.object.kind} ${target.from.object.metadata?.name ?? ''} n’existe pas dans ce dépôt : non suivi.`,
            hint: 'Normal s’il désigne un autre dépôt ; sinon corrigez le chemin (relatif à la racine du dépôt Git).',
            location: target.from.source,
            env: name,
          });
          continue;
        }
        if (visited.has(dir)) {
          // Flux's root Kustomization deploys the cluster folder that declares it: what it holds is its to manage.
          for (const doc of documentsOf.get(dir) ?? []) if (!doc.deployedBy && doc.object !== target.from.object) doc.deployedBy = target.from.object;
          continue;
        }
        visited.add(dir);
        next.push({ dir, targetNamespace: target.targetNamespace, defaultNamespace: target.defaultNamespace, deployedBy: target.from.object });
      }
    });
    wave = next;
  }
  return { name, documents, findings };
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
    return { ...modelFromDocuments([], { root: requested, findings: [rootFinding(requested, cwd)], checks: options.checks }) };
  }
  const root = safeRealpath(requested);
  const repoRoot = await gitRoot(root);
  const loader = new Loader(root, repoRoot);
  const { layout, environments } = discoverEnvironments(root);
  const sources = await Promise.all(environments.map((e) => loadEnvironment(loader, e.name, e.entry)));
  return { ...modelFromDocuments(sources, { root, repoRoot, checks: options.checks }), layout };
}
