// Kustomize folders are rendered by the real kustomize (a `kustomize` binary, else `kubectl kustomize`), through a
// throw-away wrapper kustomization that turns on origin annotations, so each rendered object can be traced back to
// the file (and line) it was written in.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, relative, resolve } from 'node:path';
import { KUSTOMIZATION_FILES } from './files.ts';
import { asRecord } from './fields.ts';
import type { FieldLines, FieldPath, Finding, KubeObject, SourceLocation } from './model.ts';
import { readsRemoteBase, type KustomizeCache } from './kustomize-cache.ts';
import { parseManifest, type ParsedDocument } from './parse.ts';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';
const RENDER_TIMEOUT_MS = 120_000;
const MAX_RENDER_BYTES = 512 * 1024 * 1024;
const WRAPPER_PREFIX = 'ffe-kustomize-';

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

function run(tool: KustomizeTool, dir: string): Promise<{ stdout: string; stderr: string; failed: boolean }> {
  return new Promise((done) => {
    execFile(tool.command, tool.args(dir), { maxBuffer: MAX_RENDER_BYTES, timeout: RENDER_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ stdout, stderr: stderr || (error ? error.message : ''), failed: !!error });
    });
  });
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
    text = `ressource « ${from[1]} » : ${/no such file or directory/.test(reason) ? 'fichier ou dossier introuvable' : reason}`;
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
  origins: OriginIndex;
  /** Shared limit on concurrent kustomize processes. */
  limit: <T>(task: () => Promise<T>) => Promise<T>;
  /** Renders kept from earlier loads (the site's builds), when given. */
  cache?: KustomizeCache;
}

export function toRepoPath(repoRoot: string, absPath: string): string {
  return relative(repoRoot, absPath).split('\\').join('/') || '.';
}

/** The throw-away kustomization that builds `dir` (or the listed `files` of a folder without one) with `additions`. */
function wrapperKustomization(wrapper: string, dir: string, additions: KustomizeAdditions, files?: readonly string[]): string {
  const from = (path: string): string => relative(wrapper, resolve(dir, path));
  const spec: Record<string, unknown> = { resources: (files ?? [dir]).map(from) };
  if (additions.components?.length) spec.components = additions.components.map(from);
  if (additions.patches?.length) spec.patches = additions.patches;
  if (additions.images?.length) spec.images = additions.images;
  if (additions.namePrefix) spec.namePrefix = additions.namePrefix;
  if (additions.nameSuffix) spec.nameSuffix = additions.nameSuffix;
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
): Promise<{ documents: ParsedDocument[]; findings: Finding[] }> {
  const kustomization = kustomizationFile(dir) ?? join(dir, KUSTOMIZATION_FILES[0]);
  const fallback: SourceLocation = { path: files ? toRepoPath(ctx.repoRoot, dir) : toRepoPath(ctx.repoRoot, kustomization), line: 1 };
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
    const result = await ctx.limit(() => run(ctx.tool, wrapper));
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
  const parsed = parseManifest(fallback.path, rendered, { detectHelmTemplates: false, maxBytes: MAX_RENDER_BYTES });
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
  const resolveFile = (p: string): string | undefined => [resolve(wrapper, p), resolve(dir, p)].find((f) => existsSync(f));
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
