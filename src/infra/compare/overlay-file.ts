// The lines of kustomization files (and of Flux Kustomizations) that change objects, each with its file, its line and
// the comment written beside it: images, replicas, patches (each JSON 6902 operation, each strategic-merge field),
// generator entries (each key), labels and annotations, resources. Read with the `yaml` library, which keeps comments
// and positions. Only files inside the repository are read, never bigger than a manifest may be.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node as YamlNode, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { isInside } from '../files.ts';
import { KUSTOMIZATION_ADDITIONS } from '../kinds/flux.ts';
import { MAX_FILE_BYTES, normalizeText } from '../parse.ts';

/** What an overlay line does, as the comparison page names it. */
/** The kind each kustomize generator makes. */
const GENERATED_KIND = { configMapGenerator: 'ConfigMap', secretGenerator: 'Secret' } as const;

export type OverlayLineKind =
  | 'images'
  | 'replicas'
  | 'patch'
  | 'generator'
  | 'generator-merge'
  | 'generator-replace'
  | 'labels'
  | 'annotations'
  | 'substitution'
  | 'resources'
  | 'manifest';

/** One line of the repository that makes (part of) an object what it is in an environment. */
export interface OverlayLine {
  /** Repository-relative path (POSIX separators). */
  path: string;
  /** 1-based. */
  line: number;
  how: OverlayLineKind;
  /** The comment written there, as its author wrote it (without `#`), or undefined when there is none. */
  reason?: string;
  /** The line belongs to a Flux Kustomization (its patches, images or postBuild), not to a kustomization file. */
  flux?: boolean;
}

/**
 * A step of a field path: a key, a list index, any index (`*`, a JSON patch's `-`), or the list item whose merge key
 * has a value (a strategic-merge patch names containers by `name`).
 */
export type PathStep = string | number | '*' | { key: string; value: string };

/** A field an entry sets, and the line that sets it. */
export interface Touch {
  path: PathStep[];
  at: OverlayLine;
}

/** kustomize's patch target (each field a regular expression, anchored). */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface PatchEntry {
  target?: Selector;
  /** A strategic-merge patch names its object; used when the entry has no target. */
  self?: Selector;
  touches: Touch[];
}

export interface ImageEntry {
  name: string;
  newName?: string;
  at: OverlayLine;
}

export interface ReplicaEntry {
  name: string;
  at: OverlayLine;
}

export interface GeneratorEntry {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace?: string;
  behavior: 'create' | 'merge' | 'replace';
  /** Key → the line that sets it (a literal, an env file line, a files entry). */
  keys: Map<string, OverlayLine>;
  at: OverlayLine;
}

export interface MetadataEntry {
  field: 'labels' | 'annotations';
  key: string;
  at: OverlayLine;
}

export interface ResourceItem {
  /** As written: a file, a folder, or a remote URL. */
  ref: string;
  at: OverlayLine;
}

/** What a kustomization file (or a Flux Kustomization's `spec`) says, in the order kustomize applies it. */
export interface OverlayEntries {
  /** Absolute path of the file, and of the folder its relative paths start from. */
  file: string;
  dir: string;
  namespace?: string;
  resources: ResourceItem[];
  components: ResourceItem[];
  /** patchesStrategicMerge, then patches (kustomize's order). */
  patches: PatchEntry[];
  /** patchesJson6902: applied after labels and annotations. */
  jsonPatches: PatchEntry[];
  metadata: MetadataEntry[];
  replicas: ReplicaEntry[];
  images: ImageEntry[];
  generators: GeneratorEntry[];
  /** Flux `postBuild.substitute`: variable → its line. */
  substitute: Map<string, OverlayLine>;
  /** Flux `spec.path`. */
  pathLine?: OverlayLine;
}

interface Parsed {
  documents: Document.Parsed[];
  lines: LineCounter;
}

/** « a catch-all inbox: staging never mails real clients »: comment lines joined, as written. */
function commentText(...comments: (string | null | undefined)[]): string | undefined {
  const text = comments
    .flatMap((c) => (c ? c.split('\n') : []))
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
  return text || undefined;
}

const scalarText = (node: unknown): string | undefined => (isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined);

/**
 * The comment written above a key. The `yaml` library keeps the one above a map's first key on the map itself (as it
 * keeps the one above a list's first item on the list).
 */
function keyComment(map: unknown, pair: Pair<YamlNode, YamlNode>): string | undefined {
  const own = (pair.key as YamlNode | null)?.commentBefore ?? undefined;
  if (own || !isMap(map)) return own;
  return (map as YAMLMap).items[0] === pair ? (map as YAMLMap).commentBefore ?? undefined : undefined;
}

function pairOf(map: unknown, key: string): Pair<YamlNode, YamlNode> | undefined {
  if (!isMap(map)) return undefined;
  return (map as YAMLMap<YamlNode, YamlNode>).items.find((p) => isPair(p) && scalarText(p.key) === key);
}

function valueOf(map: unknown, key: string): YamlNode | undefined {
  return pairOf(map, key)?.value ?? undefined;
}

function textOf(map: unknown, key: string): string | undefined {
  return scalarText(valueOf(map, key));
}

/** Comments written on the scalar fields of a map entry (`behavior: merge # why`), not inside its nested lists. */
function fieldComments(node: unknown): (string | undefined)[] {
  if (!isMap(node)) return [isScalar(node) ? node.comment ?? undefined : undefined];
  return (node as YAMLMap<YamlNode, YamlNode>).items.flatMap((p) => {
    const key = p.key as YamlNode | null;
    const value = p.value as YamlNode | null;
    return [key && 'commentBefore' in key ? key.commentBefore ?? undefined : undefined, isScalar(value) ? value.comment ?? undefined : undefined];
  });
}

/**
 * Reads one file's YAML once, with positions and comments, and only files inside the repository: a kustomization
 * may name any path (`envs: [/etc/passwd]`), and what is read here (comments) is published.
 */
export class OverlayReader {
  private readonly parsed = new Map<string, Parsed | null>();
  private readonly texts = new Map<string, string | null>();
  private readonly entries = new Map<string, OverlayEntries | null>();
  private readonly repoRoot: string;

  constructor(repoRoot: string) {
    this.repoRoot = safeRealpath(repoRoot);
  }

  /** Repository-relative path of an absolute one. */
  repoPath(abs: string): string {
    const relative = abs.startsWith(this.repoRoot) ? abs.slice(this.repoRoot.length).replace(/^[/\\]+/, '') : abs;
    return relative.split('\\').join('/') || '.';
  }

  /** The text of a regular file inside the repository, or undefined. */
  text(abs: string): string | undefined {
    let text = this.texts.get(abs);
    if (text === undefined) {
      text = null;
      try {
        const real = realpathSync(abs);
        const stat = statSync(real);
        if (isInside(real, this.repoRoot) && stat.isFile() && stat.size <= MAX_FILE_BYTES) text = normalizeText(readFileSync(real, 'utf8'));
      } catch {
        text = null;
      }
      this.texts.set(abs, text);
    }
    return text ?? undefined;
  }

  private parse(abs: string): Parsed | undefined {
    let parsed = this.parsed.get(abs);
    if (parsed === undefined) {
      const text = this.text(abs);
      parsed = text === undefined ? null : parseText(text);
      this.parsed.set(abs, parsed);
    }
    return parsed ?? undefined;
  }

  /** The entries of a kustomization file. */
  kustomization(abs: string): OverlayEntries | undefined {
    let entries = this.entries.get(abs);
    if (entries === undefined) {
      const parsed = this.parse(abs);
      const root = parsed?.documents[0]?.contents;
      entries = parsed && isMap(root) ? this.readEntries(root, parsed, abs, dirname(abs), false) : null;
      this.entries.set(abs, entries);
    }
    return entries ?? undefined;
  }

  /** The entries of the Flux Kustomization written in `abs` at `line` (its patches, images, postBuild, path). */
  fluxKustomization(abs: string, line: number, pathDir: string): OverlayEntries | undefined {
    const key = `${abs}\u0000${line}`;
    let entries = this.entries.get(key);
    if (entries === undefined) {
      const parsed = this.parse(abs);
      const doc = parsed && documentAt(parsed, line);
      const additions = doc && KUSTOMIZATION_ADDITIONS.reduce<YamlNode | undefined>((node, key) => valueOf(node, String(key)), doc.contents ?? undefined);
      entries = parsed && isMap(additions) ? this.readEntries(additions, parsed, abs, pathDir, true) : null;
      this.entries.set(key, entries);
    }
    return entries ?? undefined;
  }

  /** The line of a field in the document written at `line` of `abs`, with its comments; undefined when not written there. */
  fieldLine(abs: string, line: number, path: readonly (string | number)[]): OverlayLine | undefined {
    const parsed = this.parse(abs);
    const doc = parsed && documentAt(parsed, line);
    if (!parsed || !doc) return undefined;
    let node: unknown = doc.contents;
    let pair: Pair<YamlNode, YamlNode> | undefined;
    let item: YamlNode | undefined;
    let parent: unknown;
    for (const step of path) {
      parent = node;
      if (isMap(node)) {
        pair = pairOf(node, String(step));
        item = undefined;
        node = pair?.value;
      } else if (isSeq(node) && typeof step === 'number') {
        item = (node as YAMLSeq<YamlNode>).items[step];
        pair = undefined;
        node = item;
      } else return undefined;
      if (node === undefined || node === null) return undefined;
    }
    const anchor = (pair?.key ?? item ?? node) as YamlNode;
    if (!anchor?.range) return undefined;
    const value = node as YamlNode;
    const reason = commentText(pair ? keyComment(parent, pair) : item?.commentBefore, isScalar(value) ? value.comment : undefined);
    return { path: this.repoPath(abs), line: parsed.lines.linePos(anchor.range[0]).line, how: 'manifest', ...(reason ? { reason } : {}) };
  }

  private at(parsed: Parsed, abs: string, node: YamlNode | undefined, how: OverlayLineKind, flux: boolean, ...comments: (string | null | undefined)[]): OverlayLine {
    const line = node?.range ? parsed.lines.linePos(node.range[0]).line : 1;
    const reason = commentText(...comments);
    return { path: this.repoPath(abs), line, how, ...(reason ? { reason } : {}), ...(flux ? { flux: true } : {}) };
  }

  /** Items of a section (`images:`), each with the comment that explains it: its own, else the section's. */
  private items(map: YAMLMap, key: string): { node: YamlNode; comments: (string | undefined)[] }[] {
    const pair = pairOf(map, key);
    const seq = pair?.value;
    if (!isSeq(seq)) return [];
    const first = (map.items[0] as Pair<YamlNode, YamlNode> | undefined)?.key;
    // The comment above the section's key, unless that key opens the file (the comment is then the file's header).
    const sectionKey = pair!.key as YamlNode;
    const section = sectionKey === first ? undefined : sectionKey.commentBefore ?? undefined;
    const listComment = (seq as YAMLSeq).commentBefore ?? undefined;
    return (seq as YAMLSeq<YamlNode>).items.map((node, index) => {
      const own = index > 0 ? node.commentBefore ?? undefined : undefined;
      const inline = fieldComments(node);
      return { node, comments: [own, ...inline].some(Boolean) ? [own, ...inline] : [listComment ?? section] };
    });
  }

  private readEntries(map: YAMLMap, parsed: Parsed, abs: string, dir: string, flux: boolean): OverlayEntries {
    const at = (node: YamlNode | undefined, how: OverlayLineKind, ...comments: (string | null | undefined)[]) => this.at(parsed, abs, node, how, flux, ...comments);
    const entries: OverlayEntries = {
      file: abs,
      dir,
      resources: [],
      components: [],
      patches: [],
      jsonPatches: [],
      metadata: [],
      replicas: [],
      images: [],
      generators: [],
      substitute: new Map(),
    };
    const namespace = textOf(map, 'namespace');
    if (namespace && !flux) entries.namespace = namespace;
    for (const section of ['resources', 'bases', 'components'] as const) {
      for (const { node, comments } of this.items(map, section)) {
        const ref = scalarText(node);
        if (ref) (section === 'components' ? entries.components : entries.resources).push({ ref, at: at(node, 'resources', ...comments) });
      }
    }
    for (const { node, comments } of this.items(map, 'patchesStrategicMerge')) {
      const text = scalarText(node);
      if (text) entries.patches.push(this.patchEntry(parsed, abs, dir, node, text, undefined, comments, flux));
    }
    for (const key of ['patches', 'patchesJson6902'] as const) {
      for (const { node, comments } of this.items(map, key)) {
        const target = selectorOf(valueOf(node, 'target'));
        const inline = valueOf(node, 'patch');
        const path = textOf(node, 'path');
        const text = scalarText(inline) ?? path;
        if (!text) continue;
        const entry = this.patchEntry(parsed, abs, dir, inline ?? node, text, target, comments, flux, inline === undefined);
        (key === 'patches' ? entries.patches : entries.jsonPatches).push(entry);
      }
    }
    for (const { node, comments } of this.items(map, 'images')) {
      const name = textOf(node, 'name');
      const newName = textOf(node, 'newName');
      if (name) entries.images.push({ name, ...(newName ? { newName } : {}), at: at(node, 'images', ...comments) });
    }
    for (const { node, comments } of this.items(map, 'replicas')) {
      const name = textOf(node, 'name');
      if (name) entries.replicas.push({ name, at: at(node, 'replicas', ...comments) });
    }
    for (const section of ['configMapGenerator', 'secretGenerator'] as const) {
      const kind = GENERATED_KIND[section];
      for (const { node, comments } of this.items(map, section)) {
        const generator = this.generatorEntry(parsed, abs, dir, node, kind, comments, flux);
        if (generator) entries.generators.push(generator);
      }
    }
    this.metadataEntries(map, parsed, abs, flux, entries);
    const substitute = valueOf(valueOf(map, 'postBuild'), 'substitute');
    if (flux && isMap(substitute)) {
      for (const pair of (substitute as YAMLMap<YamlNode, YamlNode>).items) {
        const name = scalarText(pair.key);
        if (name) entries.substitute.set(name, at(pair.key as YamlNode, 'substitution', keyComment(substitute, pair), isScalar(pair.value) ? pair.value.comment : undefined));
      }
    }
    const pathPair = pairOf(map, 'path');
    if (flux && pathPair) entries.pathLine = at(pathPair.key as YamlNode, 'resources', keyComment(map, pathPair), isScalar(pathPair.value) ? pathPair.value.comment : undefined);
    return entries;
  }

  /** commonLabels, labels[].pairs, commonAnnotations: one entry per key. */
  private metadataEntries(map: YAMLMap, parsed: Parsed, abs: string, flux: boolean, entries: OverlayEntries): void {
    const keysOf = (node: unknown, field: MetadataEntry['field'], section: (string | undefined)[]) => {
      if (!isMap(node)) return;
      for (const pair of (node as YAMLMap<YamlNode, YamlNode>).items) {
        const key = scalarText(pair.key);
        const own = [keyComment(node, pair), isScalar(pair.value) ? pair.value.comment ?? undefined : undefined];
        if (key) entries.metadata.push({ field, key, at: this.at(parsed, abs, pair.key as YamlNode, field, flux, ...(own.some(Boolean) ? own : section)) });
      }
    };
    keysOf(valueOf(map, 'commonLabels'), 'labels', [pairOf(map, 'commonLabels')?.key?.commentBefore ?? undefined]);
    keysOf(valueOf(map, 'commonAnnotations'), 'annotations', [pairOf(map, 'commonAnnotations')?.key?.commentBefore ?? undefined]);
    for (const { node, comments } of this.items(map, 'labels')) keysOf(valueOf(node, 'pairs'), 'labels', comments);
  }

  private generatorEntry(
    parsed: Parsed,
    abs: string,
    dir: string,
    node: YamlNode,
    kind: GeneratorEntry['kind'],
    comments: (string | undefined)[],
    flux: boolean,
  ): GeneratorEntry | undefined {
    const name = textOf(node, 'name');
    if (!name) return undefined;
    const behaviorText = textOf(node, 'behavior');
    const behavior = behaviorText === 'merge' || behaviorText === 'replace' ? behaviorText : 'create';
    const how: OverlayLineKind = behavior === 'merge' ? 'generator-merge' : behavior === 'replace' ? 'generator-replace' : 'generator';
    const entryAt = this.at(parsed, abs, node, how, flux, ...comments);
    const keys = new Map<string, OverlayLine>();
    const withEntryReason = (line: OverlayLine): OverlayLine => (line.reason || !entryAt.reason ? line : { ...line, reason: entryAt.reason });
    const list = (key: string): YamlNode[] => {
      const value = valueOf(node, key);
      return isSeq(value) ? (value as YAMLSeq<YamlNode>).items : isScalar(value) ? [value] : [];
    };
    for (const item of list('literals')) {
      const literal = scalarText(item);
      const key = literal?.split('=')[0]?.trim();
      if (key) keys.set(key, withEntryReason(this.at(parsed, abs, item, how, flux, item.commentBefore, isScalar(item) ? item.comment : undefined)));
    }
    for (const item of list('files')) {
      const file = scalarText(item);
      if (!file) continue;
      const key = file.includes('=') ? file.split('=')[0].trim() : basename(file);
      keys.set(key, withEntryReason(this.at(parsed, abs, item, how, flux, item.commentBefore, isScalar(item) ? item.comment : undefined)));
    }
    for (const item of [...list('envs'), ...list('env')]) {
      const file = scalarText(item);
      const text = file ? this.text(resolve(dir, file)) : undefined;
      if (!file || text === undefined) continue;
      const lines = text.split('\n');
      let pending: string[] = [];
      lines.forEach((line, index) => {
        const trimmed = line.trim();
        if (trimmed.startsWith('#')) return void pending.push(trimmed.slice(1));
        const key = trimmed.includes('=') ? trimmed.split('=')[0].trim() : '';
        if (key) {
          const reason = commentText(...pending);
          keys.set(key, withEntryReason({ path: this.repoPath(resolve(dir, file)), line: index + 1, how, ...(reason ? { reason } : {}), ...(flux ? { flux: true } : {}) }));
        }
        pending = [];
      });
    }
    const namespace = textOf(node, 'namespace');
    return { kind, name, ...(namespace ? { namespace } : {}), behavior, keys, at: entryAt };
  }

  /**
   * One patch: inline (its lines are those of the kustomization file, offset by where the text starts) or in a file
   * of its own. Every operation or field it sets is a touch, with the comment written on it, else the entry's.
   */
  private patchEntry(
    parsed: Parsed,
    abs: string,
    dir: string,
    node: YamlNode,
    text: string,
    target: Selector | undefined,
    comments: (string | undefined)[],
    flux: boolean,
    fromFile = !text.includes('\n') && !text.trim().startsWith('[') && !text.includes(': '),
  ): PatchEntry {
    const entryAt = this.at(parsed, abs, node, 'patch', flux, ...comments);
    let patchFile = abs;
    let patchText = text;
    let offset = 0;
    if (fromFile) {
      patchFile = resolve(dir, text.trim());
      const fileText = this.text(patchFile);
      if (fileText === undefined) return { ...(target ? { target } : {}), touches: [{ path: [], at: entryAt }] };
      patchText = fileText;
    } else if (isScalar(node) && node.range) {
      const start = parsed.lines.linePos(node.range[0]).line;
      // A block scalar's text starts on the line after its `|` header; a quoted one on its own line.
      offset = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? start : start - 1;
    }
    const inner = parseText(patchText);
    const touches: Touch[] = [];
    let self: Selector | undefined;
    const lineOf = (n: YamlNode | undefined) => (n?.range ? inner.lines.linePos(n.range[0]).line + offset : entryAt.line);
    // A comment opening the patch (inline or in its file) explains all of it.
    let patchReason: string | undefined;
    const touch = (path: PathStep[], n: YamlNode | undefined, ...own: (string | null | undefined)[]) => {
      const reason = commentText(...own) ?? patchReason ?? entryAt.reason;
      touches.push({ path, at: { path: this.repoPath(patchFile), line: lineOf(n), how: 'patch', ...(reason ? { reason } : {}), ...(flux ? { flux: true } : {}) } });
    };
    for (const doc of inner.documents) {
      const contents = doc.contents;
      patchReason = commentText(doc.commentBefore);
      if (isSeq(contents)) {
        (contents as YAMLSeq<YamlNode>).items.forEach((op, index) => {
          const pointer = textOf(op, 'path');
          if (pointer === undefined) return;
          const own = index > 0 ? op.commentBefore : op.commentBefore ?? (contents as YAMLSeq).commentBefore;
          touch(pointerSteps(pointer), op, own, ...fieldComments(op));
        });
      } else if (isMap(contents)) {
        self ??= selectorOf(contents, true);
        smpTouches(contents as YAMLMap, [], touch, undefined);
      }
    }
    if (touches.length === 0) touches.push({ path: [], at: entryAt });
    return { ...(target ? { target } : {}), ...(self ? { self } : {}), touches };
  }
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function parseText(text: string): Parsed {
  const lines = new LineCounter();
  try {
    const documents = parseAllDocuments(text, { lineCounter: lines });
    return { documents: Array.isArray(documents) ? documents : [], lines };
  } catch {
    return { documents: [], lines };
  }
}

/** The document of a multi-document file that holds `line`. */
function documentAt(parsed: Parsed, line: number): Document.Parsed | undefined {
  let found: Document.Parsed | undefined;
  for (const doc of parsed.documents) {
    const start = doc.range ? parsed.lines.linePos(doc.range[0]).line : 1;
    if (start <= line) found = doc;
  }
  return found;
}

function selectorOf(node: unknown, fromObject = false): Selector | undefined {
  if (!isMap(node)) return undefined;
  if (fromObject) {
    const apiVersion = textOf(node, 'apiVersion');
    const kind = textOf(node, 'kind');
    const metadata = valueOf(node, 'metadata');
    const name = textOf(metadata, 'name');
    const namespace = textOf(metadata, 'namespace');
    if (!kind && !name) return undefined;
    const group = apiVersion?.includes('/') ? apiVersion.split('/')[0] : undefined;
    return { ...(group ? { group } : {}), ...(kind ? { kind } : {}), ...(name ? { name } : {}), ...(namespace ? { namespace } : {}) };
  }
  const out: Selector = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const value = textOf(node, key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** `/spec/rules/0/host` → ['spec', 'rules', '0', 'host']; `-` (append) matches any index. */
function pointerSteps(pointer: string): PathStep[] {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (part === '-' ? '*' : part));
}

const MERGE_KEYS = ['name', 'mountPath', 'containerPort', 'devicePath', 'ip', 'topologyKey'];

/** Every field a strategic-merge patch sets (its identity fields apart): list items by their merge key. */
function smpTouches(
  map: YAMLMap,
  path: PathStep[],
  touch: (path: PathStep[], node: YamlNode | undefined, ...comments: (string | null | undefined)[]) => void,
  inherited: string | undefined,
): void {
  for (const pair of (map as YAMLMap<YamlNode, YamlNode>).items) {
    const key = scalarText(pair.key);
    if (key === undefined) continue;
    if (path.length === 0 && (key === 'apiVersion' || key === 'kind')) continue;
    const keyNode = pair.key as YamlNode;
    // The nearest comment up the field's keys: one above `values:` explains every value under it.
    const above = keyComment(map, pair) ?? inherited;
    const value = pair.value as YamlNode | null;
    const here = [...path, key];
    if (path.length === 1 && path[0] === 'metadata' && (key === 'name' || key === 'namespace')) continue;
    if (key.startsWith('$')) {
      touch(path, keyNode, above, isScalar(value) ? value.comment : undefined);
    } else if (isMap(value)) {
      if ((value as YAMLMap).items.length === 0) touch(here, keyNode, above);
      else smpTouches(value as YAMLMap, here, touch, above);
    } else if (isSeq(value)) {
      const items = (value as YAMLSeq<YamlNode>).items;
      const keyed = items.filter((item) => isMap(item) && MERGE_KEYS.some((k) => textOf(item, k) !== undefined));
      if (keyed.length === 0 || keyed.length !== items.length) {
        touch(here, keyNode, above, (value as YAMLSeq).commentBefore, ...items.map((item) => (isScalar(item) ? item.comment : undefined)));
        continue;
      }
      keyed.forEach((item, index) => {
        const mergeKey = MERGE_KEYS.find((k) => textOf(item, k) !== undefined)!;
        const step: PathStep = { key: mergeKey, value: textOf(item, mergeKey)! };
        const inner = item as YAMLMap;
        const comment = (item.commentBefore ?? (index === 0 ? (value as YAMLSeq).commentBefore : undefined)) ?? above;
        if (inner.items.length === 1) touch([...here, step], item, comment);
        else smpTouches(inner, [...here, step], touch, comment);
      });
    } else {
      touch(here, keyNode, above, isScalar(value) ? value.comment : undefined);
    }
  }
}
