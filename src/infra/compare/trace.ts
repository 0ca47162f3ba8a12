// Which lines of the repository set a field of a rendered object, most effective first: Flux's substitution, the Flux
// Kustomization's own patches and images, then each kustomization from the folder Flux (or the environment) builds
// down to the file the object is written in — in the order kustomize applies them — and the object's own line. The
// chain of kustomizations is followed from the files themselves: kustomize's origin annotations name where an object
// or a generator was written, not which overlay merged into a generator, nor which entry touched which field.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { discoverEnvironments } from '../discover.ts';
import { asRecord } from '../fields.ts';
import { isDirectory, isInside, KUSTOMIZATION_FILES, SKIPPED_DIRS } from '../files.ts';
import { writtenForm } from '../flux-substitution.ts';
import { argoApplicationOf, FLUX_KUSTOMIZE, fluxKustomizationOf } from '../kinds/flux.ts';
import { kindEntry } from '../kinds/registry.ts';
import { kustomizationFile } from '../kustomize.ts';
import type { Environment, KubeObject, Model, Resource } from '../model.ts';
import { OverlayReader, type OverlayEntries, type OverlayLine, type PathStep, type Selector, type Touch } from './overlay-file.ts';

/** A concrete path into a rendered object. */
export type FieldPath = readonly (string | number)[];

interface Layer {
  entries: OverlayEntries;
  /** The Flux Kustomization's own additions (outermost, applied to everything it builds). */
  flux: boolean;
}

interface Lineage {
  layers: Layer[];
  /** The `resources:` items (and Flux `path:`) that bring the object in, outermost first. */
  steps: OverlayLine[];
  deployer?: Resource;
}

const readers = new WeakMap<Model, { reader: OverlayReader; entries: Map<string, string>; lineages: Map<string, Lineage> }>();

function stateOf(model: Model) {
  let state = readers.get(model);
  if (!state) {
    readers.set(model, (state = { reader: new OverlayReader(model.repoRoot), entries: environmentEntries(model), lineages: new Map() }));
  }
  return state;
}

/** A Flux / Argo CD path, relative to the repository root (or, failing that, to the manifests root). */
function resolveGitPath(model: Model, path: string): string | undefined {
  const clean = path.replace(/^\.\//, '').replace(/^\/+/, '');
  for (const base of [model.repoRoot, model.root]) {
    const abs = resolve(base, clean);
    if ((isInside(abs, model.repoRoot) || isInside(abs, model.root)) && isDirectory(abs)) return abs;
  }
  return undefined;
}

/** Environment name → the folder it starts from, as the loader found it. */
function environmentEntries(model: Model): Map<string, string> {
  if (!existsSync(model.root) || !isDirectory(model.root)) return new Map();
  try {
    const { environments } = discoverEnvironments(model.root, { repoRoot: model.repoRoot, resolvePath: (path) => resolveGitPath(model, path) });
    return new Map(environments.map((e) => [e.name, e.entry]));
  } catch {
    return new Map();
  }
}

/** The Flux Kustomization or Argo CD Application that deployed a resource, and the folder it builds. */
function deployerOf(model: Model, env: Environment, resource: Resource): { deployer: Resource; dir: string } | undefined {
  for (const relation of model.relations) {
    if (relation.type !== 'deploys' || relation.to !== resource.key) continue;
    const deployer = env.byKey.get(relation.from);
    if (!deployer) continue;
    // Through an ExternalArtifact, the folder is the one of this repository the artifact's copy rules fill it from.
    const copied = env.artifactFolders?.find((f) => f.deployer === deployer.key);
    if (copied && isDirectory(resolve(model.repoRoot, copied.folder))) return { deployer, dir: resolve(model.repoRoot, copied.folder) };
    const paths = deployer.id.group === FLUX_KUSTOMIZE ? [fluxKustomizationOf(deployer.object).path] : argoApplicationOf(deployer.object).sources.flatMap((s) => s.path ?? []);
    for (const path of paths) {
      const dir = resolveGitPath(model, path);
      if (dir) return { deployer, dir };
    }
  }
  return undefined;
}

const MAX_DEPTH = 32;

/** A model loaded from a folder (loadModel gives absolute roots); one built from strings has no files to read. */
function onDisk(model: Model): boolean {
  return isAbsolute(model.root) && isAbsolute(model.repoRoot);
}

/**
 * The kustomizations from `dir` down to `target` (a manifest, or the kustomization holding a generator), outermost
 * first, with each kustomization's components under it: kustomize runs a component over what its parent has
 * gathered, before the parent's own transformers.
 */
function chainTo(reader: OverlayReader, dir: string, target: string, depth = 0, seen = new Set<string>()): { layers: OverlayEntries[]; steps: OverlayLine[] } | undefined {
  if (depth > MAX_DEPTH || seen.has(dir)) return undefined;
  seen.add(dir);
  const file = kustomizationFile(dir);
  if (!file) {
    // A folder without kustomization, as Flux builds it: its manifests, recursively, and its sub-kustomizations.
    if (isInside(target, dir) && !insideSubKustomization(dir, target)) return { layers: [], steps: [] };
    // The sub-kustomization holding the file first, then the others (an overlay lists a base from elsewhere).
    const subs = subKustomizations(dir);
    for (const sub of [...subs.filter((s) => isInside(target, s)), ...subs.filter((s) => !isInside(target, s))]) {
      const found = chainTo(reader, sub, target, depth + 1, seen);
      if (found) return found;
    }
    return undefined;
  }
  const entries = reader.kustomization(file);
  if (!entries) return undefined;
  const components = entries.components.flatMap((item) => {
    const abs = resolve(dir, item.ref);
    const componentFile = kustomizationFile(abs);
    const parsed = componentFile ? reader.kustomization(componentFile) : undefined;
    return parsed ? [{ item, abs, entries: parsed }] : [];
  });
  const below = components.map((c) => c.entries).reverse();
  if (target === file) return { layers: [entries, ...below], steps: [] };
  for (const item of [...entries.resources, ...components.map((c) => c.item)]) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(item.ref) || item.ref.startsWith('git@')) continue;
    const abs = resolve(dir, item.ref);
    if (abs === target) return { layers: [entries, ...below], steps: [item.at] };
    if (!isDirectory(abs) || !isInside(target, abs)) continue;
    const found = chainTo(reader, abs, target, depth + 1, seen);
    if (found) {
      const inner = found.layers.filter((layer) => !below.includes(layer));
      return { layers: [entries, ...below, ...inner], steps: [item.at, ...found.steps] };
    }
  }
  // A kustomization may list a file by a path that does not contain it (../other/file.yaml): look everywhere.
  for (const item of entries.resources) {
    const abs = resolve(dir, item.ref);
    if (!isDirectory(abs) || isInside(target, abs)) continue;
    const found = chainTo(reader, abs, target, depth + 1, seen);
    if (found) return { layers: [entries, ...below, ...found.layers], steps: [item.at, ...found.steps] };
  }
  return undefined;
}

function subKustomizations(dir: string, depth = 0): string[] {
  if (depth > MAX_DEPTH) return [];
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const sub = join(dir, name);
    return kustomizationFile(sub) ? [sub] : subKustomizations(sub, depth + 1);
  });
}

function insideSubKustomization(dir: string, target: string): boolean {
  const parts = relative(dir, dirname(target)).split(sep).filter(Boolean);
  let at = dir;
  for (const part of parts) {
    at = join(at, part);
    if (kustomizationFile(at)) return true;
  }
  return false;
}

function lineageOf(model: Model, env: Environment, resource: Resource): Lineage {
  const state = stateOf(model);
  const cached = state.lineages.get(resource.key);
  if (cached) return cached;
  const target = resolve(model.repoRoot, resource.source.path);
  const deployed = deployerOf(model, env, resource);
  const root = deployed?.dir ?? state.entries.get(env.name);
  const lineage: Lineage = { layers: [], steps: [] };
  if (deployed) {
    lineage.deployer = deployed.deployer;
    const flux = deployed.deployer.id.group === FLUX_KUSTOMIZE ? state.reader.fluxKustomization(resolve(model.repoRoot, deployed.deployer.source.path), deployed.deployer.source.line, deployed.dir) : undefined;
    if (flux) {
      lineage.layers.push({ entries: flux, flux: true });
      if (flux.pathLine) lineage.steps.push(flux.pathLine);
    }
  }
  if (root) {
    // Components a Flux Kustomization adds run over everything its folder builds, under the folder's own transformers.
    const fluxComponents = (lineage.layers[0]?.entries.components ?? []).flatMap((item) => {
      const file = kustomizationFile(resolve(root, item.ref));
      const entries = file ? state.reader.kustomization(file) : undefined;
      return entries ? [{ item, entries }] : [];
    });
    const chain =
      chainTo(state.reader, root, target) ??
      fluxComponents.map((c) => chainTo(state.reader, c.entries.dir, target)).find((found) => found !== undefined);
    const below = fluxComponents.map((c) => c.entries).reverse();
    if (chain) {
      const layers = chain.layers.filter((entries) => !below.includes(entries));
      const [outermost, ...rest] = layers;
      const ordered = layers.length > 0 && outermost.dir === root ? [outermost, ...below, ...rest] : [...below, ...layers];
      lineage.layers.push(...ordered.map((entries) => ({ entries, flux: false })));
      lineage.steps.push(...chain.steps);
    }
  }
  state.lineages.set(resource.key, lineage);
  return lineage;
}

function anchored(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return pattern === value;
  }
}

/** kustomize's string label selectors: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x,y)`. */
function matchesSelectorText(selector: string, labels: Record<string, string>): boolean {
  const terms = selector.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  return terms.every((raw) => {
    const term = raw.trim();
    if (!term) return true;
    const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
    if (set) {
      const values = set[3].split(',').map((v) => v.trim());
      const has = labels[set[1]] !== undefined && values.includes(labels[set[1]]);
      return set[2] === 'in' ? has : !has;
    }
    const [key, value] = term.split(/!=|==|=/).map((p) => p.trim());
    if (term.includes('!=')) return labels[key] !== value;
    if (value !== undefined) return labels[key] === value;
    return term.startsWith('!') ? labels[term.slice(1)] === undefined : labels[key] !== undefined;
  });
}

function selects(selector: Selector, resource: Resource, names: readonly string[]): boolean {
  const { id } = resource;
  if (selector.kind !== undefined && !anchored(selector.kind, id.kind)) return false;
  if (selector.group !== undefined && !anchored(selector.group, id.group)) return false;
  if (selector.version !== undefined && !anchored(selector.version, resource.apiVersion.split('/').pop())) return false;
  if (selector.name !== undefined && !names.some((name) => anchored(selector.name!, name))) return false;
  if (selector.namespace !== undefined && !anchored(selector.namespace, id.namespace)) return false;
  if (selector.labelSelector !== undefined && !matchesSelectorText(selector.labelSelector, resource.labels)) return false;
  if (selector.annotationSelector !== undefined && !matchesSelectorText(selector.annotationSelector, resource.annotations)) return false;
  return true;
}

/** Whether a touched path and a field path meet: one is the other or contains it (list items resolved on `object`). */
function meets(touched: readonly PathStep[], path: FieldPath, object: KubeObject): boolean {
  let node: unknown = object;
  for (let i = 0; i < Math.min(touched.length, path.length); i++) {
    const step = touched[i];
    const actual = path[i];
    if (typeof step === 'object') {
      const item = Array.isArray(node) && typeof actual === 'number' ? asRecord(node[actual]) : undefined;
      if (!item || String(item[step.key]) !== step.value) return false;
    } else if (step === '*') {
      if (typeof actual !== 'number') return false;
    } else if (String(step) !== String(actual)) return false;
    node = Array.isArray(node) ? node[Number(actual)] : asRecord(node)?.[String(actual)];
  }
  return true;
}

function valueAt(object: unknown, path: FieldPath): unknown {
  let node = object;
  for (const step of path) node = Array.isArray(node) ? node[Number(step)] : asRecord(node)?.[String(step)];
  return node;
}

/** The name part of an image reference (what kustomize's `images` entries match), without tag or digest. */
function imageName(image: string): string {
  const withoutDigest = image.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

/** Whether `path` is where kustomize's `replicas:` entries set an object's count: a workload's replicas field. */
function isReplicasField(resource: Resource, path: FieldPath): boolean {
  const field = kindEntry(resource.id.group, resource.id.kind)?.workload?.replicas;
  return Array.isArray(field) && field.length === path.length && field.every((step, i) => step === path[i]);
}

export interface TraceContext {
  /** The name the object's generator gives it (kustomize adds a hash suffix to it). */
  generatorName?: string;
}

/** Lines of one layer that set `path`, last applied first (kustomize's order within a kustomization). */
function layerLines(layer: Layer, resource: Resource, path: FieldPath, names: string[], imageNames: Set<string> | undefined, context: TraceContext): OverlayLine[] {
  const { entries } = layer;
  const out: OverlayLine[] = [];
  const { object } = resource;
  if (imageNames && path[path.length - 1] === 'image') {
    for (const entry of [...entries.images].reverse()) {
      if (entry.newName !== undefined ? imageNames.has(entry.newName) : imageNames.has(entry.name)) {
        out.push(entry.at);
        imageNames.add(entry.name);
      }
    }
  }
  if (isReplicasField(resource, path)) {
    for (const entry of [...entries.replicas].reverse()) if (names.includes(entry.name)) out.push(entry.at);
  }
  const patchLines = (patches: readonly { target?: Selector; self?: Selector; touches: Touch[] }[]) => {
    for (const patch of [...patches].reverse()) {
      const selector = patch.target ?? patch.self;
      if (!selector || !selects(selector, resource, names)) continue;
      for (const touch of [...patch.touches].reverse()) if (meets(touch.path, path, object)) out.push(touch.at);
    }
  };
  patchLines(entries.jsonPatches);
  if (path.length >= 2) {
    const [field, key] = [path[path.length - 2], path[path.length - 1]];
    for (const entry of [...entries.metadata].reverse()) if (entry.field === field && entry.key === key) out.push(entry.at);
  }
  patchLines(entries.patches);
  if (context.generatorName && (resource.id.kind === 'ConfigMap' || resource.id.kind === 'Secret') && resource.id.group === '') {
    for (const generator of [...entries.generators].reverse()) {
      if (generator.kind !== resource.id.kind || generator.name !== context.generatorName) continue;
      const namespace = generator.namespace ?? entries.namespace;
      if (namespace !== undefined && resource.id.namespace !== undefined && namespace !== resource.id.namespace) continue;
      const key = path.length >= 2 && ['data', 'binaryData', 'stringData'].includes(String(path[0])) ? String(path[1]) : undefined;
      const line = key !== undefined ? generator.keys.get(key) : undefined;
      if (line) out.push(line);
      else if (generator.behavior !== 'merge' && (key === undefined || generator.behavior === 'replace')) out.push(generator.at);
    }
  }
  return out;
}

function substitutionLines(model: Model, env: Environment, resource: Resource, path: FieldPath, lineage: Lineage): OverlayLine[] {
  const written = valueAt(writtenForm(resource.object), path);
  if (typeof written !== 'string' || !written.includes('${') || written === valueAt(resource.object, path)) return [];
  const flux = lineage.layers.find((layer) => layer.flux)?.entries;
  const deployer = lineage.deployer;
  const out: OverlayLine[] = [];
  for (const match of written.matchAll(/\$\{([_a-zA-Z][_a-zA-Z0-9]*)/g)) {
    const name = match[1];
    const inline = flux?.substitute.get(name);
    if (inline) {
      out.push(inline);
      continue;
    }
    // A variable read from a ConfigMap or Secret (postBuild.substituteFrom): the line of its key there.
    const refs = deployer && deployer.id.group === FLUX_KUSTOMIZE ? fluxKustomizationOf(deployer.object).postBuild?.substituteFrom ?? [] : [];
    for (const ref of [...refs].reverse()) {
      const source = env.resources.find((r) => r.id.group === '' && r.id.kind === ref.kind && (r.id.name === ref.name || r.id.name.startsWith(`${ref.name}-`)) && r.id.namespace === deployer!.id.namespace);
      if (!source) continue;
      const field = ref.kind === 'Secret' && asRecord(source.object.stringData)?.[name] !== undefined ? 'stringData' : 'data';
      const lines = traceField(model, env, source, [field, name], { generatorName: ref.name });
      if (lines.length > 0) {
        out.push({ ...lines[0], how: 'substitution' });
        break;
      }
    }
  }
  return out;
}

/**
 * Every line that sets `path` of `resource` in `env`, the one that wins first: what makes the field what it is.
 * Empty when the manifests are not files (a model built from strings) or when nothing could be traced.
 */
export function traceField(model: Model, env: Environment, resource: Resource, path: FieldPath, context: TraceContext = {}): OverlayLine[] {
  if (!onDisk(model)) return [];
  const state = stateOf(model);
  const lineage = lineageOf(model, env, resource);
  const names = [...new Set([resource.id.name, ...(context.generatorName ? [context.generatorName] : [])])];
  const image = path[path.length - 1] === 'image' ? valueAt(resource.object, path) : undefined;
  const imageNames = typeof image === 'string' ? new Set([imageName(image)]) : undefined;
  const out: OverlayLine[] = [...substitutionLines(model, env, resource, path, lineage)];
  for (const layer of lineage.layers) out.push(...layerLines(layer, resource, path, names, imageNames, context));
  const origin = resolve(model.repoRoot, resource.source.path);
  if (!KUSTOMIZATION_FILES.some((f) => origin.endsWith(`${sep}${f}`))) {
    const own = state.reader.fieldLine(origin, resource.source.line, path);
    if (own) out.push(own);
  }
  const seen = new Set<string>();
  return out.filter((line) => {
    const key = `${line.path}:${line.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The lines that bring an object into an environment: the `resources:` items (and the Flux path) leading to it. */
export function inclusionLines(model: Model, env: Environment, resource: Resource): OverlayLine[] {
  if (!onDisk(model)) return [];
  return lineageOf(model, env, resource).steps;
}
