// What a kustomize render may read, checked before kustomize runs. Flux builds with `--load-restrictor
// LoadRestrictionsNone` inside a sandbox that holds only the repository; here kustomize runs on the build machine, where
// the same restrictor would let a kustomization publish any file (`/proc/self/environ`, a key under the home folder,
// `../../`, a symlink pointing out, the checkout's `.git/config` with its CI token) or fetch a URL. So every path a
// kustomization names — resources, bases, components, patches, generators' files and envs, CRDs, configurations,
// replacements, OpenAPI schemas, the paths inside generator and transformer configurations — is followed here,
// recursively and symlinks resolved, and must stay inside the repository: anything else is a located error, and the
// folder is not rendered. Remote resources (http(s)://, git) are refused unless the site's options allow them.
// The files reached are also measured: each within the size limit of a manifest, all of them within a render's.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Node as YamlNode } from 'yaml';
import { isInside, KUSTOMIZATION_FILES } from './files.ts';
import type { Finding, SourceLocation } from './model.ts';
import { MAX_FILE_BYTES } from './parse.ts';

/** All the files one render reads, together (each one is also held to MAX_FILE_BYTES). */
export const MAX_RENDER_INPUT_BYTES = 32 * 1024 * 1024;

/** A reference kustomize would fetch from the network: a URL, a git remote, a `host/org/repo` address. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|[a-z][a-z0-9+.-]*::|git@|gh:|[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?\/)/i;
/** Keys of generator and transformer configurations (built-in or plugins such as KSOPS) that name files. */
const PLUGIN_PATH_KEYS = new Set(['path', 'paths', 'files', 'envs', 'env', 'chartHome', 'valuesFile', 'additionalValuesFiles']);

type Expected = 'file' | 'kustomization' | 'file-or-kustomization';

export interface InputCheckOptions {
  /** The repository (a real path): nothing outside it is read. */
  repoRoot: string;
  /** Whether remote resources may be fetched (ffe.config.ts `remoteResources`). */
  remote: boolean;
}

export interface InputReport {
  findings: Finding[];
  /** Bytes of every local file the render reads. */
  bytes: number;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
}

function quoted(ref: string): string {
  const chars = [...ref.replace(/\s+/g, ' ')];
  return chars.length > 120 ? `${chars.slice(0, 120).join('')}…` : chars.join('');
}

function realpathOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function statOf(path: string): import('node:fs').Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Walks what one render reads; `check…` methods add findings, never throw. */
class InputWalker {
  readonly findings: Finding[] = [];
  bytes = 0;
  private readonly kustomizations = new Set<string>();
  private readonly files = new Set<string>();
  private readonly options: InputCheckOptions;

  constructor(options: InputCheckOptions) {
    this.options = options;
  }

  private repoPath(abs: string): string {
    return relative(this.options.repoRoot, abs).split(sep).join('/') || '.';
  }

  private error(code: string, message: string, hint: string, at: SourceLocation): void {
    this.findings.push({ code, severity: 'error', message, hint, location: at });
  }

  /** Inside the repository, and not in its `.git` folder (where a CI checkout keeps its token). */
  private confined(abs: string): boolean {
    if (!isInside(abs, this.options.repoRoot)) return false;
    return !this.repoPath(abs).split('/').includes('.git');
  }

  private outside(ref: string, field: string, at: SourceLocation, why: string): void {
    this.error(
      'FFE-E-KUSTOMIZE-OUTSIDE',
      `« ${quoted(ref)} » (${field}) est en dehors du dépôt${why} : kustomize ne le lira pas, ce dossier n’est pas construit.`,
      'Une kustomization ne lit que des fichiers du dépôt, comme dans le bac à sable de Flux : copiez ce fichier dans le dépôt, ou retirez cette référence.',
      at,
    );
  }

  /** A file the render reads: a regular file, within the size limits. */
  private countFile(real: string, ref: string, field: string, at: SourceLocation): boolean {
    const stat = statOf(real);
    if (!stat?.isFile()) {
      this.error('FFE-E-KUSTOMIZE-INPUT', `« ${quoted(ref)} » (${field}) n’est pas un fichier ordinaire : kustomize ne le lira pas, ce dossier n’est pas construit.`, 'Une kustomization ne lit que des fichiers ordinaires du dépôt (ni périphérique, ni tube, ni dossier).', at);
      return false;
    }
    if (this.files.has(real)) return true;
    this.files.add(real);
    if (stat.size > MAX_FILE_BYTES) {
      this.error('FFE-E-KUSTOMIZE-LIMIT', `« ${quoted(ref)} » (${field}) pèse ${mb(stat.size)} Mo, au-delà de la limite de ${mb(MAX_FILE_BYTES)} Mo par fichier lu : ce dossier n’est pas construit.`, 'Un manifeste ou un fichier de configuration n’a pas besoin d’être si gros : découpez-le, ou retirez-le de la kustomization.', at);
      return false;
    }
    this.bytes += stat.size;
    return true;
  }

  /**
   * One path written in a kustomization (`at`), relative to `base`: followed if it is a kustomization folder, counted
   * if it is a file, refused if it leaves the repository, does not exist (kustomize would then try it as a URL), or is
   * remote while remote resources are not allowed.
   */
  reference(ref: string, base: string, field: string, at: SourceLocation, expected: Expected): void {
    if (ref === '' || ref.includes('\u0000')) return;
    const abs = isAbsolute(ref) ? resolve(ref) : resolve(base, ref);
    const stat = statOf(abs);
    if (!stat) {
      if (REMOTE.test(ref)) {
        if (this.options.remote) return;
        this.error(
          'FFE-E-KUSTOMIZE-REMOTE',
          `« ${quoted(ref)} » (${field}) est une ressource distante : kustomize irait la chercher sur le réseau pendant la construction, ce qui est refusé ; ce dossier n’est pas construit.`,
          'Copiez cette ressource dans le dépôt, ou autorisez les ressources distantes avec l’option remoteResources: true de ffe.config.ts si vous faites confiance à leur source.',
          at,
        );
        return;
      }
      if (!this.confined(abs)) {
        this.outside(ref, field, at, '');
        return;
      }
      this.error('FFE-E-KUSTOMIZE', `kustomize ne peut pas construire ce dossier : « ${quoted(ref)} » (${field}) est introuvable.`, 'Corrigez le chemin (relatif au dossier de la kustomization), ou retirez cette référence.', at);
      return;
    }
    if (!this.confined(abs)) {
      this.outside(ref, field, at, '');
      return;
    }
    const real = realpathOf(abs);
    if (!real || !this.confined(real)) {
      this.outside(ref, field, at, ' (lien symbolique vers l’extérieur)');
      return;
    }
    if (stat.isDirectory()) {
      // A folder kustomize cannot build (no kustomization) is kustomize's own error; nothing in it is read.
      if (expected !== 'file') this.kustomization(real, at);
      return;
    }
    if (expected === 'kustomization') return;
    this.countFile(real, ref, field, at);
  }

  /** A kustomization folder (a real path inside the repository): its file, then everything it names. */
  kustomization(dir: string, at?: SourceLocation): void {
    if (this.kustomizations.has(dir)) return;
    this.kustomizations.add(dir);
    const file = KUSTOMIZATION_FILES.map((name) => resolve(dir, name)).find((path) => statOf(path));
    if (!file) return;
    const here: SourceLocation = { path: this.repoPath(file), line: 1 };
    const real = realpathOf(file);
    if (!real || !this.confined(real)) {
      this.outside(this.repoPath(file), 'kustomization', at ?? here, ' (lien symbolique vers l’extérieur)');
      return;
    }
    if (!this.countFile(real, this.repoPath(file), 'kustomization', at ?? here)) return;
    const lineCounter = new LineCounter();
    const doc = parseDocument(readFileSync(real, 'utf8'), { lineCounter, uniqueKeys: false });
    // An unreadable kustomization is kustomize's error to report: it reads nothing else.
    if (doc.errors.length > 0 || !isMap(doc.contents)) return;
    const locate = (node: unknown): SourceLocation => {
      const offset = (node as YamlNode | undefined)?.range?.[0];
      return { path: here.path, line: offset === undefined ? 1 : lineCounter.linePos(offset).line };
    };
    const scalars = (node: unknown): { value: string; at: SourceLocation }[] => {
      const items = isSeq(node) ? node.items : isScalar(node) ? [node] : [];
      return items.filter(isScalar).map((item) => ({ value: String(item.value ?? ''), at: locate(item) }));
    };
    const maps = (node: unknown): { get: (key: string) => unknown; at: SourceLocation }[] =>
      isSeq(node) ? node.items.filter(isMap).map((item) => ({ get: (key: string) => item.get(key, true), at: locate(item) })) : [];

    for (const pair of doc.contents.items) {
      const field = isScalar(pair.key) ? String(pair.key.value) : '';
      const node = pair.value;
      switch (field) {
        case 'resources':
        case 'bases':
          for (const { value, at: where } of scalars(node)) this.reference(value, dir, field, where, 'file-or-kustomization');
          break;
        case 'components':
          for (const { value, at: where } of scalars(node)) this.reference(value, dir, field, where, 'kustomization');
          break;
        case 'crds':
        case 'configurations':
          for (const { value, at: where } of scalars(node)) this.reference(value, dir, field, where, 'file');
          break;
        case 'patches':
        case 'patchesJson6902':
        case 'replacements':
          for (const entry of maps(node)) for (const { value, at: where } of scalars(entry.get('path'))) this.reference(value, dir, `${field}.path`, where, 'file');
          break;
        case 'patchesStrategicMerge':
          for (const { value, at: where } of scalars(node)) if (!this.isInline(value, dir)) this.reference(value, dir, field, where, 'file');
          break;
        case 'configMapGenerator':
        case 'secretGenerator':
          for (const entry of maps(node)) {
            for (const { value, at: where } of scalars(entry.get('files'))) this.reference(value.slice(value.indexOf('=') + 1), dir, `${field}.files`, where, 'file');
            for (const key of ['envs', 'env']) for (const { value, at: where } of scalars(entry.get(key))) this.reference(value, dir, `${field}.${key}`, where, 'file');
          }
          break;
        case 'openapi':
          if (isMap(node)) for (const { value, at: where } of scalars(node.get('path', true))) this.reference(value, dir, 'openapi.path', where, 'file');
          break;
        case 'generators':
        case 'transformers':
        case 'validators':
          for (const { value, at: where } of scalars(node)) {
            if (value.includes('\n')) this.pluginConfigs(value, dir, field, where);
            else if (statOf(isAbsolute(value) ? value : resolve(dir, value))?.isDirectory()) this.pluginFolder(value, field, where);
            else {
              this.reference(value, dir, field, where, 'file');
              this.pluginFile(value, dir, field);
            }
          }
          break;
        default:
          break;
      }
    }
  }

  /** A patchesStrategicMerge entry written inline (kustomize tries it as a file first, then as YAML). */
  private isInline(value: string, dir: string): boolean {
    if (value.includes('\n')) return true;
    if (statOf(isAbsolute(value) ? value : resolve(dir, value))) return false;
    try {
      const parsed = parseDocument(value).toJS({ maxAliasCount: 10 }) as unknown;
      return typeof parsed === 'object' && parsed !== null;
    } catch {
      return false;
    }
  }

  /**
   * A folder of generator or transformer configurations is itself built by kustomize, patches included, so the paths
   * its configurations finally name cannot be known before the render: refused.
   */
  private pluginFolder(ref: string, field: string, at: SourceLocation): void {
    this.error(
      'FFE-E-KUSTOMIZE-INPUT',
      `« ${quoted(ref)} » (${field}) est un dossier de configurations : les fichiers qu’elles feraient lire ne peuvent pas être vérifiés avant le rendu, il est refusé ; ce dossier n’est pas construit.`,
      `Listez les fichiers de configuration eux-mêmes sous ${field}, ou écrivez-les dans la kustomization.`,
      at,
    );
  }

  /** A generator / transformer configuration file: the paths it names, relative to the kustomization using it. */
  private pluginFile(ref: string, dir: string, field: string): void {
    const abs = isAbsolute(ref) ? resolve(ref) : resolve(dir, ref);
    const real = realpathOf(abs);
    if (!real || !this.confined(real) || !statOf(real)?.isFile() || (statOf(real)?.size ?? 0) > MAX_FILE_BYTES) return;
    this.pluginConfigs(readFileSync(real, 'utf8'), dir, field, { path: this.repoPath(real), line: 1 });
  }

  /** Generator and transformer configurations (YAML text): every path under a key that names files. */
  private pluginConfigs(text: string, dir: string, field: string, at: SourceLocation): void {
    let values: unknown[];
    try {
      values = parseAllDocuments(text, { uniqueKeys: false }).map((doc) => doc.toJS({ maxAliasCount: 100 }) as unknown);
    } catch {
      return;
    }
    const walk = (value: unknown, key: string | undefined, depth: number): void => {
      if (depth > 32) return;
      if (Array.isArray(value)) {
        for (const item of value) walk(item, key, depth + 1);
      } else if (value && typeof value === 'object') {
        for (const [inner, child] of Object.entries(value)) walk(child, inner, depth + 1);
      } else if (typeof value === 'string' && key && PLUGIN_PATH_KEYS.has(key)) {
        const path = key === 'files' ? value.slice(value.indexOf('=') + 1) : value;
        this.reference(path, dir, `${field} → ${key}`, at, key === 'chartHome' ? 'file-or-kustomization' : 'file');
      }
    };
    for (const value of values) walk(value, undefined, 0);
  }
}

export interface RenderEntries {
  /** The folder built (a real path inside the repository). */
  dir: string;
  /** For a folder without kustomization, the files and sub-kustomizations Flux would list. */
  files?: readonly string[];
  /** Component folders a Flux Kustomization adds, relative to `dir`, and where that Kustomization is written. */
  components?: readonly string[];
  componentsAt?: SourceLocation;
}

/** Everything one render reads, checked: errors (nothing is rendered when there is one) and the bytes it reads. */
export function checkRenderInputs(entries: RenderEntries, options: InputCheckOptions): InputReport {
  const walker = new InputWalker(options);
  const folder: SourceLocation = { path: relative(options.repoRoot, entries.dir).split(sep).join('/') || '.', line: 1 };
  const dir = realpathOf(entries.dir);
  if (!dir || !isInside(dir, options.repoRoot)) {
    walker.findings.push({
      code: 'FFE-E-KUSTOMIZE-OUTSIDE',
      severity: 'error',
      message: 'Ce dossier est en dehors du dépôt (lien symbolique vers l’extérieur) : il n’est pas construit.',
      hint: 'Un dossier déployé doit être dans le dépôt, comme dans le bac à sable de Flux.',
      location: folder,
    });
    return { findings: walker.findings, bytes: 0 };
  }
  if (entries.files) {
    for (const file of entries.files) walker.reference(file, entries.dir, 'resources', { path: relative(options.repoRoot, file).split(sep).join('/'), line: 1 }, 'file-or-kustomization');
  } else {
    walker.kustomization(dir);
  }
  for (const component of entries.components ?? []) walker.reference(component, dir, 'components', entries.componentsAt ?? folder, 'kustomization');
  if (walker.findings.length === 0 && walker.bytes > MAX_RENDER_INPUT_BYTES) {
    const file = entries.files ? undefined : KUSTOMIZATION_FILES.map((name) => resolve(dir, name)).find((path) => statOf(path));
    walker.findings.push({
      code: 'FFE-E-KUSTOMIZE-LIMIT',
      severity: 'error',
      message: `Les fichiers que lit cette kustomization pèsent ${mb(walker.bytes)} Mo, au-delà de la limite de ${mb(MAX_RENDER_INPUT_BYTES)} Mo par rendu : ce dossier n’est pas construit.`,
      hint: 'Découpez-la en plusieurs kustomizations, ou retirez-en les gros fichiers qui ne décrivent pas l’infrastructure.',
      location: file ? { path: relative(options.repoRoot, file).split(sep).join('/'), line: 1 } : folder,
    });
  }
  return { findings: walker.findings, bytes: walker.bytes };
}
