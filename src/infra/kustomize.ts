// Kustomize folders are rendered by the real kustomize (a `kustomize` binary, else `kubectl kustomize`), through a
// throw-away wrapper kustomization that turns on origin annotations, so each rendered object can be traced back to
// the file (and line) it was written in.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter, join, relative, resolve } from 'node:path';
import { isInside, KUSTOMIZATION_FILES } from './files.ts';
import { asRecord } from './fields.ts';
import type { FieldLines, FieldPath, Finding, KubeObject, SourceLocation } from './model.ts';
import { readsRemoteBase, type KustomizeCache } from './kustomize-cache.ts';
import { checkRenderInputs } from './kustomize-inputs.ts';
import { MAX_FILE_BYTES, parseManifest, type ParsedDocument } from './parse.ts';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';
const WRAPPER_PREFIX = 'ffe-kustomize-';

/**
 * The limits of one kustomize render: wall time, CPU time, address space and output. Go reserves about 1.3 GB of
 * address space before it allocates anything, so 2 GB leaves kustomize some 700 MB of heap — far more than the
 * largest real render measured (home-ops repositories: under 100 MB), far less than an alias bomb's 17 GB.
 */
export const RENDER_LIMITS = {
  wallSeconds: 45,
  cpuSeconds: 60,
  addressSpaceBytes: 2 * 1024 * 1024 * 1024,
  outputBytes: 32 * 1024 * 1024,
};

/** Renders at once: no more than the cores, and no more than two (each may use its whole memory limit). */
export function renderConcurrency(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** A regular file of reasonable size whose real path lies in `root`. */
function isReadableInside(path: string, root: string): boolean {
  try {
    const stat = statSync(path);
    return stat.isFile() && stat.size <= MAX_FILE_BYTES && isInside(realpathSync(path), root);
  } catch {
    return false;
  }
}

export function kustomizationFile(dir: string): string | undefined {
  return KUSTOMIZATION_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
}

/**
 * True when the folder's kustomization is a kustomize Component (`kind: Component`): a piece meant to be pulled in
 * by the kustomizations that list it under `components:`, never built on its own.
 */
export function isKustomizeComponent(dir: string): boolean {
  const file = kustomizationFile(dir);
  if (!file) return false;
  try {
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return false;
    return /^kind:\s*["']?Component["']?\s*(#.*)?$/m.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * What a Flux Kustomization adds to the kustomization of its path before building it (kustomize-controller writes
 * these into the folder's kustomization.yaml, generating one when the folder has none).
 */
export interface KustomizeAdditions {
  /** Component folders, relative to the built folder. */
  components?: string[];
  patches?: unknown[];
  images?: unknown[];
  namePrefix?: string;
  nameSuffix?: string;
}

export function hasAdditions(additions: KustomizeAdditions | undefined): additions is KustomizeAdditions {
  return !!additions && Object.values(additions).some((value) => (Array.isArray(value) ? value.length > 0 : !!value));
}

export interface KustomizeTool {
  command: string;
  args: (dir: string) => string[];
  /** Arguments that print its version (part of a cached render's key). */
  version: string[];
}

// Flux builds with LoadRestrictionsNone: a kustomization may list files outside its folder (but inside the repository).
// That the files stay inside the repository is checked before kustomize runs (kustomize-inputs.ts): kustomize's own
// restrictor cannot say « the repository », only « this kustomization's folder » or « anywhere ».
const LOAD_RESTRICTOR = ['--load-restrictor', 'LoadRestrictionsNone'];

function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, binary))) return join(dir, binary);
  }
  return undefined;
}

/** A standalone kustomize is preferred (usually newer than the one built into kubectl); undefined when neither exists. */
export function findKustomize(): KustomizeTool | undefined {
  const kustomize = onPath('kustomize');
  if (kustomize) return { command: kustomize, args: (dir) => ['build', ...LOAD_RESTRICTOR, dir], version: ['version'] };
  const kubectl = onPath('kubectl');
  if (kubectl) return { command: kubectl, args: (dir) => ['kustomize', ...LOAD_RESTRICTOR, dir], version: ['version', '--client'] };
  return undefined;
}

/** At most `limit` tasks at a time (kustomize is CPU-bound and the machine may be small). */
export function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async (task) => {
    if (active >= limit) await new Promise<void>((ok) => queue.push(ok));
    active++;
    try {
      return await task();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

export type RenderLimit = 'time' | 'memory' | 'output';

export interface RunResult {
  stdout: string;
  stderr: string;
  failed: boolean;
  /** The limit the render hit, when it was stopped for one. */
  limit?: RenderLimit;
}

/**
 * What kustomize runs with: nothing of the build's environment (no CI token, no cloud credential), only where programs
 * are, a throw-away home, and — when remote resources are allowed — the proxy and certificate settings git needs.
 */
export function kustomizeEnvironment(home: string, remote: boolean, from: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const kept = ['PATH', 'TMPDIR', ...(remote ? ['http_proxy', 'https_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'SSL_CERT_FILE', 'SSL_CERT_DIR'] : [])];
  const env: NodeJS.ProcessEnv = { HOME: home, LANG: 'C', LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' };
  for (const name of kept) if (from[name] !== undefined) env[name] = from[name];
  return env;
}

/**
 * Runs the tool under the render limits: the address space and CPU time set by the shell (`ulimit`) before it becomes
 * the tool, the wall time and the output size watched from here; a limit reached kills its whole process group.
 */
export function runLimited(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; limits?: typeof RENDER_LIMITS }): Promise<RunResult> {
  const limits = options.limits ?? RENDER_LIMITS;
  const script = `ulimit -v ${Math.floor(limits.addressSpaceBytes / 1024)} && ulimit -t ${limits.cpuSeconds} && exec "$0" "$@"`;
  return new Promise((done) => {
    const child = spawn('/bin/sh', ['-c', script, command, ...args], { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let limit: RenderLimit | undefined;
    const stop = (reason: RenderLimit): void => {
      limit ??= reason;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => stop('time'), limits.wallSeconds * 1000);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > limits.outputBytes) stop('output');
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      // Enough to read the error; a flood of warnings is not kept.
      if (errBytes < 256 * 1024) err.push(chunk);
      errBytes += chunk.length;
    });
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error): void => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8') || (spawnError ? spawnError.message : '');
      if (!limit && /out of memory|cannot allocate memory|failed to reserve|runtime: (?:cannot|failed to) (?:allocate|reserve)/i.test(stderr)) limit = 'memory';
      if (!limit && (signal === 'SIGXCPU' || signal === 'SIGKILL')) limit = 'time';
      const failed = !!spawnError || code !== 0 || signal !== null || limit !== undefined;
      done({ stdout: failed ? '' : Buffer.concat(out).toString('utf8'), stderr, failed, ...(limit ? { limit } : {}) });
    };
    child.once('error', (error) => finish(null, null, error));
    child.once('close', (code, signal) => finish(code, signal));
  });
}

function run(tool: KustomizeTool, wrapper: string, remote: boolean): Promise<RunResult> {
  return runLimited(tool.command, tool.args(wrapper), { cwd: wrapper, env: kustomizeEnvironment(wrapper, remote) });
}

/** The limit a render hit, in French: which one, how much, what to do. */
function limitFinding(limit: RenderLimit, dir: string, location: SourceLocation): Finding {
  const gb = (bytes: number): string => (bytes / 1024 / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  const what = {
    time: `la limite de temps (${RENDER_LIMITS.wallSeconds} s, ${RENDER_LIMITS.cpuSeconds} s de calcul)`,
    memory: `la limite de mémoire (${gb(RENDER_LIMITS.addressSpaceBytes)} Go d’espace d’adressage)`,
    output: `la limite de taille du rendu (${RENDER_LIMITS.outputBytes / 1024 / 1024} Mo)`,
  }[limit];
  return {
    code: 'FFE-E-KUSTOMIZE-LIMIT',
    severity: 'error',
    message: `kustomize a été arrêté en construisant « ${dir} » : ${what} est atteinte. Ce dossier n’est pas construit.`,
    hint: 'Une kustomization réelle reste loin de ces limites : cherchez une bombe d’alias YAML, un fichier démesuré ou une boucle de générateurs. Le reste des manifestes est chargé quand même.',
    location,
  };
}

/**
 * The real cause of a failed fetch, whatever kustomize says last (after a remote base fails to clone, it tries the URL
 * as a local path and reports that path missing): the network, the credentials, or a missing file.
 */
export function failureCause(text: string): string | undefined {
  const host = /Could not resolve host:?\s*([\w.-]+)|lookup ([\w.-]+)(?: on [^:]+)?: no such host/i.exec(text);
  if (host) return `réseau : l’hôte ${host[1] ?? host[2]} est introuvable (pas de réseau, ou DNS injoignable)`;
  if (/Temporary failure in name resolution|network is unreachable|connection refused|connection timed out|i\/o timeout|Failed to connect to/i.test(text)) {
    return 'réseau : serveur injoignable';
  }
  if (/Authentication failed|could not read Username|terminal prompts disabled|Permission denied \(publickey\)|HTTP (?:Basic: )?Access denied|returned error: 40[13]/i.test(text)) {
    return 'authentification refusée par le serveur (dépôt privé, identifiants absents ou refusés)';
  }
  if (/Repository not found|not found: .*\.git|returned error: 404/i.test(text)) return 'dépôt distant introuvable (adresse erronée, ou dépôt privé)';
  return /no such file or directory/.test(text) ? 'fichier ou dossier introuvable' : undefined;
}

/**
 * The useful sentence out of kubectl's or kustomize's error output: the innermost "accumulating resources from 'x'"
 * clause, without our wrapper's layer, with repository-relative paths.
 */
export function kustomizeErrorDetail(stderr: string, repoRoot = ''): string {
  const quoted = /err="((?:[^"\\]|\\.)*)"/.exec(stderr) ?? /err=<\s*([\s\S]*?)\s*>\s*$/.exec(stderr);
  let text = (quoted ? quoted[1].replace(/\\"/g, '"') : stderr.replace(/^Error:\s*/m, '')).replace(/\s+/g, ' ').trim();
  text = text.replace(/^.*recursed accumulation of path '[^']*': /, '');
  const from = /^.*accumulating resources from '([^']+)': (.*)$/.exec(text);
  if (from) {
    const reason = from[2].split("': ")[0].split(' must build at directory')[0];
    text = `ressource « ${from[1]} » : ${failureCause(stderr) ?? reason}`;
  }
  if (repoRoot) text = text.split(`${repoRoot}/`).join('');
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

interface OriginIndexEntry {
  kind: string;
  name: string;
  line: number;
  document: ParsedDocument;
}

/** Reads origin files once per load: kind, name and line of each object they define. */
export class OriginIndex {
  private readonly files = new Map<string, OriginIndexEntry[] | null>();
  private readonly read: (absPath: string) => string | undefined;
  /** `read` should cache: generator lookups read the same kustomization file again. */
  constructor(read: (absPath: string) => string | undefined) {
    this.read = read;
  }

  private entries(absPath: string): OriginIndexEntry[] | null {
    let cached = this.files.get(absPath);
    if (cached === undefined) {
      const text = this.read(absPath);
      cached =
        text === undefined
          ? null
          : parseManifest(absPath, text, { detectHelmTemplates: false }).documents.map((d) => ({
              kind: String(d.object.kind),
              name: String(d.object.metadata?.name ?? ''),
              line: d.source.line,
              document: d,
            }));
      this.files.set(absPath, cached);
    }
    return cached;
  }

  private text(absPath: string): string | undefined {
    return this.read(absPath);
  }

  /** The object of this kind whose original name the rendered name contains (prefixes/suffixes added). */
  private origin(absPath: string, kind: string, renderedName: string): OriginIndexEntry | undefined {
    const entries = this.entries(absPath) ?? [];
    const sameKind = entries.filter((e) => e.kind === kind);
    const exact = sameKind.find((e) => e.name === renderedName);
    if (exact) return exact;
    const contained = sameKind.filter((e) => e.name && renderedName.includes(e.name)).sort((a, b) => b.name.length - a.name.length);
    return contained[0] ?? sameKind[0];
  }

  lineOf(absPath: string, kind: string, renderedName: string): number {
    return this.origin(absPath, kind, renderedName)?.line ?? 1;
  }

  /**
   * The lines of a rendered object's fields in its origin file, for the fields it renders as written there: a value
   * a patch, an image override or a replacement changed is not at that line, and stays unlocated.
   */
  fieldLines(absPath: string, rendered: KubeObject): FieldLines | undefined {
    const written = this.origin(absPath, String(rendered.kind), String(rendered.metadata?.name ?? ''))?.document;
    if (!written?.lines) return undefined;
    const lines = written.lines;
    return { lineOf: (path) => (sameValueAt(rendered, written.object, path) ? lines.lineOf(path) : undefined) };
  }

  /** Line of a generator entry (`name: cfg`) in a kustomization file. */
  generatorLine(absPath: string, renderedName: string): number {
    const lines = (this.text(absPath) ?? '').split('\n');
    let best = { line: 1, length: 0 };
    lines.forEach((line, index) => {
      const match = /^\s*-?\s*name:\s*["']?([^"'#\s]+)/.exec(line);
      if (match && renderedName.includes(match[1]) && match[1].length > best.length) best = { line: index + 1, length: match[1].length };
    });
    return best.line;
  }
}

function valueAt(object: unknown, path: FieldPath): unknown {
  let value = object;
  for (const key of path) value = typeof key === 'number' ? (Array.isArray(value) ? value[key] : undefined) : asRecord(value)?.[key];
  return value;
}

function sameValueAt(a: unknown, b: unknown, path: FieldPath): boolean {
  return JSON.stringify(valueAt(a, path)) === JSON.stringify(valueAt(b, path));
}

function parseOrigin(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of value.split('\n')) {
    const match = /^(\w+):\s*(.*)$/.exec(line);
    if (match && match[2]) out[match[1]] = match[2].replace(/^["']|["']$/g, '');
  }
  return out;
}

/** Removes the annotations we added, so the object reads as written. */
function stripBuildAnnotations(object: KubeObject): string | undefined {
  const annotations = object.metadata?.annotations;
  if (!annotations) return undefined;
  const origin = annotations[ORIGIN_ANNOTATION];
  delete annotations[ORIGIN_ANNOTATION];
  delete annotations[TRANSFORMATIONS_ANNOTATION];
  if (Object.keys(annotations).length === 0) delete object.metadata!.annotations;
  return typeof origin === 'string' ? origin : undefined;
}

export interface RenderContext {
  tool: KustomizeTool;
  repoRoot: string;
  /** Whether kustomize may fetch remote resources (ffe.config.ts `remoteResources`). */
  remote: boolean;
  origins: OriginIndex;
  /** Shared limit on concurrent kustomize processes. */
  limit: <T>(task: () => Promise<T>) => Promise<T>;
  /** Renders kept from earlier loads (the site's builds), when given. */
  cache?: KustomizeCache;
}

export function toRepoPath(repoRoot: string, absPath: string): string {
  return relative(repoRoot, absPath).split('\\').join('/') || '.';
}

/** Only the fields Flux's API gives an entry (a patch is inline text and a target, never a file path). */
function pick(entries: readonly unknown[] | undefined, fields: readonly string[]): Record<string, unknown>[] {
  return (entries ?? [])
    .filter((entry): entry is Record<string, unknown> => !!entry && typeof entry === 'object' && !Array.isArray(entry))
    .map((entry) => Object.fromEntries(fields.filter((field) => entry[field] !== undefined).map((field) => [field, entry[field]])))
    .filter((entry) => Object.keys(entry).length > 0);
}

/** The throw-away kustomization that builds `dir` (or the listed `files` of a folder without one) with `additions`. */
function wrapperKustomization(wrapper: string, dir: string, additions: KustomizeAdditions, files?: readonly string[]): string {
  const from = (path: string): string => relative(wrapper, resolve(dir, path));
  const spec: Record<string, unknown> = { resources: (files ?? [dir]).map(from) };
  if (additions.components?.length) spec.components = additions.components.map(from);
  const patches = pick(additions.patches, ['patch', 'target']).filter((p) => typeof p.patch === 'string');
  if (patches.length) spec.patches = patches;
  const images = pick(additions.images, ['name', 'newName', 'newTag', 'digest']);
  if (images.length) spec.images = images;
  if (typeof additions.namePrefix === 'string' && additions.namePrefix) spec.namePrefix = additions.namePrefix;
  if (typeof additions.nameSuffix === 'string' && additions.nameSuffix) spec.nameSuffix = additions.nameSuffix;
  spec.buildMetadata = ['originAnnotations'];
  // JSON is YAML: no quoting rule to get wrong.
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/**
 * Renders one kustomize folder into located documents, or a located error when kustomize fails. With `additions`
 * (a Flux Kustomization's components, patches, images, prefixes), and `files` for a folder without kustomization
 * (the resources Flux would list in the kustomization it generates), it builds what kustomize-controller builds.
 */
export async function renderKustomization(
  dir: string,
  ctx: RenderContext,
  additions: KustomizeAdditions = {},
  files?: readonly string[],
  /** Where the Flux Kustomization adding `additions` is written. */
  addedAt?: SourceLocation,
): Promise<{ documents: ParsedDocument[]; findings: Finding[] }> {
  const kustomization = kustomizationFile(dir) ?? join(dir, KUSTOMIZATION_FILES[0]);
  const fallback: SourceLocation = { path: files ? toRepoPath(ctx.repoRoot, dir) : toRepoPath(ctx.repoRoot, kustomization), line: 1 };
  // Nothing is rendered before every file the render would read is known to lie inside the repository.
  const inputs = checkRenderInputs({ dir, files, components: additions.components, componentsAt: addedAt }, { repoRoot: ctx.repoRoot, remote: ctx.remote });
  if (inputs.findings.length > 0) return { documents: [], findings: inputs.findings };
  // The wrapper's paths are relative to it, and every wrapper is a folder of the temporary directory: the text is the
  // same whichever one renders it, and a cached render's origin paths resolve from any of them.
  const placeholder = join(tmpdir(), `${WRAPPER_PREFIX}cached`);
  const wrapperText = wrapperKustomization(placeholder, dir, additions, files);
  const entries = [...(files ?? [dir]), ...(additions.components ?? []).map((c) => resolve(dir, c))];
  const key = ctx.cache ? await ctx.cache.key(wrapperText, entries) : undefined;
  const cached = key ? await ctx.cache?.read(key) : undefined;
  if (cached !== undefined) return parseRender(cached, placeholder, dir, fallback, ctx);
  const wrapper = await mkdtemp(join(tmpdir(), WRAPPER_PREFIX));
  try {
    const text = wrapperKustomization(wrapper, dir, additions, files);
    await writeFile(join(wrapper, 'kustomization.yaml'), text);
    const result = await ctx.limit(() => run(ctx.tool, wrapper, ctx.remote));
    if (result.limit) return { documents: [], findings: [limitFinding(result.limit, toRepoPath(ctx.repoRoot, dir), fallback)] };
    if (result.failed) {
      // A plugin run at deployment (KSOPS decrypting SOPS files, a secrets generator) is how the repository works,
      // not a mistake: the folder cannot be documented here, which is worth a warning, not an error.
      const plugin = /unable to load external plugin '([^']+)'/.exec(result.stderr)?.[1];
      if (plugin) {
        return {
          documents: [],
          findings: [
            {
              code: 'FFE-W-KUSTOMIZE-PLUGIN',
              severity: 'warning',
              message: `« ${toRepoPath(ctx.repoRoot, dir)} » utilise le plugin kustomize externe « ${plugin} », exécuté au déploiement (par exemple KSOPS pour des secrets SOPS) : ce dossier n’est pas documenté.`,
              hint: 'Rien à corriger si le déploiement dispose du plugin ; le reste des manifestes est chargé quand même.',
              location: fallback,
            },
          ],
        };
      }
      return {
        documents: [],
        findings: [
          {
            code: 'FFE-E-KUSTOMIZE',
            severity: 'error',
            message: `kustomize n’a pas pu construire « ${toRepoPath(ctx.repoRoot, dir)} » : ${kustomizeErrorDetail(result.stderr, ctx.repoRoot)}`,
            hint: `Vérifiez avec « kubectl kustomize ${toRepoPath(ctx.repoRoot, dir)} » ; une base distante demande le réseau. Le reste des manifestes est chargé quand même.`,
            location: fallback,
          },
        ],
      };
    }
    if (key && text === wrapperText && !readsRemoteBase(result.stdout)) await ctx.cache?.write(key, result.stdout);
    return parseRender(result.stdout, wrapper, dir, fallback, ctx);
  } finally {
    await rm(wrapper, { recursive: true, force: true });
  }
}

function parseRender(rendered: string, wrapper: string, dir: string, fallback: SourceLocation, ctx: RenderContext): { documents: ParsedDocument[]; findings: Finding[] } {
  const parsed = parseManifest(fallback.path, rendered, { detectHelmTemplates: false, maxBytes: RENDER_LIMITS.outputBytes });
  const documents = parsed.documents.map((doc): ParsedDocument => {
    const { source, lines } = locate(doc.object, wrapper, dir, fallback, ctx);
    return { object: doc.object, source, ...(lines ? { lines } : {}) };
  });
  return { documents, findings: parsed.findings };
}

function locate(object: KubeObject, wrapper: string, dir: string, fallback: SourceLocation, ctx: RenderContext): { source: SourceLocation; lines?: FieldLines } {
  const raw = stripBuildAnnotations(object);
  if (!raw) return { source: fallback };
  const origin = parseOrigin(raw);
  if (origin.repo) return { source: fallback };
  const kind = String(object.kind);
  const name = String(object.metadata?.name ?? '');
  // Only a regular file of the repository is read for a line number (an origin names what kustomize read, but nothing
  // is read from outside on its word).
  const resolveFile = (p: string): string | undefined => [resolve(wrapper, p), resolve(dir, p)].find((f) => isReadableInside(f, ctx.repoRoot));
  if (origin.path) {
    const file = resolveFile(origin.path);
    const lines = file ? ctx.origins.fieldLines(file, object) : undefined;
    if (file) return { source: { path: toRepoPath(ctx.repoRoot, file), line: ctx.origins.lineOf(file, kind, name) }, ...(lines ? { lines } : {}) };
  }
  if (origin.configuredIn) {
    const file = resolveFile(origin.configuredIn);
    if (file) return { source: { path: toRepoPath(ctx.repoRoot, file), line: ctx.origins.generatorLine(file, name) } };
  }
  return { source: fallback };
}
