// A cluster export — the output of `kubectl get <kinds> -A -o yaml` (a List), or `-o json` — read into objects with
// the line each was written at. Secret values are removed from the syntax tree before the objects are built, so no
// code after this module can read, print or store them; `status` and `managedFields`, which the comparison ignores,
// are dropped at the same time. Never throws on bad input: problems are located findings.
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node as YamlNode, type YAMLMap } from 'yaml';
import { asRecord, asRecords, asString, isRecord } from '../fields.ts';
import type { Finding, KubeObject, SourceLocation } from '../model.ts';
import { normalizeText } from '../parse.ts';
import type { FieldPath } from '../model.ts';
import { isSecret, SECRET_VALUE_ANNOTATIONS, SECRET_VALUE_FIELDS } from './facts.ts';

export interface SnapshotObject {
  object: KubeObject;
  /** The snapshot file and the line the object starts at. */
  source: SourceLocation;
  /** A Secret's key names: its values are never kept. */
  secretKeys?: string[];
  /** Line of a field of the object (the object's line when the field is not written, or the export is JSON). */
  lineOf(path: FieldPath): number;
}

export interface Snapshot {
  /** The file as shown to the reader (relative path). */
  path: string;
  format: 'yaml' | 'json';
  objects: SnapshotObject[];
  /** When the export was taken (ISO 8601), if known. */
  takenAt?: string;
  /** `header`: a `# … <date>` comment at the top of the file; `objects`: the latest change recorded in the objects. */
  takenAtSource?: 'header' | 'objects';
  /** `namespace/name` of the Secrets whose values the file contained (they were dropped unread). */
  secretsWithValues: string[];
}

export type SnapshotResult = { ok: true; snapshot: Snapshot } | { ok: false; findings: Finding[] };

export const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;
const MAX_ALIAS_COUNT = 100;
const HEADER_LINES = 10;
const ISO_DATE = /\b(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))/;

function problem(code: string, path: string, line: number, message: string, hint: string): Finding {
  return { code, severity: 'error', message, hint, location: { path, line } };
}

/** The date written in a leading comment (`# export du cluster, 2025-06-01T08:30:00Z`), as ISO 8601 UTC. */
export function headerDate(text: string): string | undefined {
  for (const line of text.split('\n', HEADER_LINES)) {
    if (!line.startsWith('#')) {
      if (line.trim() === '') continue;
      break;
    }
    const match = ISO_DATE.exec(line);
    const time = match ? Date.parse(match[1]) : Number.NaN;
    if (Number.isFinite(time)) return new Date(time).toISOString();
  }
  return undefined;
}

function latest(a: string | undefined, value: unknown): string | undefined {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(time)) return a;
  const iso = new Date(time).toISOString();
  return a === undefined || iso > a ? iso : a;
}

// YAML ----------------------------------------------------------------------------------------------------------------

function keyText(key: unknown): string {
  return String(isScalar(key) ? key.value : key);
}

/** Removes a Secret's values from its node; answers its key names and whether any value was there. */
function redactSecretNode(item: YAMLMap): { keys: string[]; hadValues: boolean } {
  const keys: string[] = [];
  let hadValues = false;
  for (const field of SECRET_VALUE_FIELDS) {
    const node = item.get(field, true) as YamlNode | undefined;
    if (node === undefined) continue;
    if (isMap(node)) {
      for (const pair of node.items) {
        keys.push(keyText(pair.key));
        const value = pair.value;
        if (value !== null && !(isScalar(value) && (value.value === '' || value.value === null))) hadValues = true;
      }
    } else if (!(isScalar(node) && node.value === null)) {
      hadValues = true;
    }
    item.delete(field);
  }
  const annotations = item.getIn(['metadata', 'annotations'], true);
  if (isMap(annotations)) {
    for (const name of SECRET_VALUE_ANNOTATIONS) {
      if (annotations.has(name)) {
        hadValues = true;
        annotations.delete(name);
      }
    }
  }
  return { keys: [...new Set(keys)].sort(), hadValues };
}

/** The latest time recorded in an object's metadata, read before managedFields are dropped. */
function nodeTimes(item: YAMLMap, current: string | undefined): string | undefined {
  let found = latest(current, item.getIn(['metadata', 'creationTimestamp']));
  const managed = item.getIn(['metadata', 'managedFields'], true);
  if (isSeq(managed)) for (const entry of managed.items) if (isMap(entry)) found = latest(found, entry.get('time'));
  return found;
}

function dropIgnoredNodes(item: YAMLMap): void {
  item.delete('status');
  const metadata = item.get('metadata', true);
  if (isMap(metadata)) metadata.delete('managedFields');
}

function identityProblem(item: unknown): string | undefined {
  if (!isRecord(item)) return 'cet élément n’est pas un objet Kubernetes';
  if (!asString(item.apiVersion)) return 'objet sans apiVersion';
  if (!asString(item.kind)) return 'objet sans kind';
  if (!asString(asRecord(item.metadata)?.name)) return 'objet sans metadata.name';
  return undefined;
}

function parseYaml(path: string, text: string): SnapshotResult {
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, strict: false }) as unknown as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (error) {
    return { ok: false, findings: [problem('FFE-E-SNAPSHOT-YAML', path, 1, `Export illisible : ${(error as Error).message.split('\n')[0]}`, 'Vérifiez que le fichier est bien la sortie de « kubectl get … -o yaml ».')] };
  }
  const findings: Finding[] = [];
  const objects: SnapshotObject[] = [];
  const secretsWithValues: string[] = [];
  let times: string | undefined;
  const lineOfNode = (node: YamlNode | null | undefined, fallback: number): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : fallback;

  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const error = doc.errors[0];
      const line = error.linePos?.[0]?.line ?? 1;
      const detail = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      findings.push(problem('FFE-E-SNAPSHOT-YAML', path, line, `YAML invalide : ${detail}.`, 'Le fichier a-t-il été tronqué ou modifié à la main ? Exportez-le à nouveau avec kubectl.'));
      continue;
    }
    const contents = doc.contents as YamlNode | null;
    if (contents === null || (isScalar(contents) && contents.value === null)) continue;
    let items: YamlNode[];
    if (isSeq(contents)) items = contents.items as YamlNode[];
    else {
      const list = isMap(contents) && String(contents.get('kind') ?? '').endsWith('List') ? (contents.get('items', true) as unknown) : undefined;
      items = isSeq(list) ? (list.items as YamlNode[]) : [contents];
    }

    for (const node of items) {
      const line = lineOfNode(node, lineOfNode(contents, 1));
      if (!isMap(node)) {
        findings.push(problem('FFE-E-SNAPSHOT-OBJECT', path, line, 'Cet élément de l’export n’est pas un objet Kubernetes.', 'L’export doit être une liste d’objets (sortie de « kubectl get … -o yaml »).'));
        continue;
      }
      let redaction: { keys: string[]; hadValues: boolean } | undefined;
      if (isSecret({ apiVersion: node.get('apiVersion'), kind: node.get('kind') })) redaction = redactSecretNode(node);
      times = nodeTimes(node, times);
      dropIgnoredNodes(node);
      let object: unknown;
      try {
        object = node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
      } catch {
        findings.push(problem('FFE-E-SNAPSHOT-YAML', path, line, `Trop d’alias YAML développés (plus de ${MAX_ALIAS_COUNT}) : objet refusé.`, 'Une sortie de kubectl n’utilise pas d’alias : exportez à nouveau.'));
        continue;
      }
      const wrong = identityProblem(object);
      if (wrong) {
        findings.push(problem('FFE-E-SNAPSHOT-OBJECT', path, line, `Élément de l’export illisible : ${wrong}.`, 'L’export doit être une liste d’objets complets (sortie de « kubectl get … -o yaml »).'));
        continue;
      }
      const kube = object as KubeObject;
      if (redaction?.hadValues) secretsWithValues.push(`${kube.metadata?.namespace ?? ''}/${kube.metadata?.name ?? ''}`);
      objects.push({
        object: kube,
        source: { path, line },
        ...(redaction ? { secretKeys: redaction.keys } : {}),
        lineOf: (fieldPath) => {
          for (let depth = fieldPath.length; depth > 0; depth--) {
            const found = node.getIn(fieldPath.slice(0, depth), true) as YamlNode | undefined;
            if (found && typeof found === 'object' && found.range) return lineOfNode(found, line);
          }
          return line;
        },
      });
    }
  }
  return finish(path, 'yaml', text, objects, findings, secretsWithValues, times);
}

// JSON ----------------------------------------------------------------------------------------------------------------

/**
 * Lines where the objects of the top-level `items` array start (or where a top-level array's objects start), found
 * by one pass over the text: JSON.parse gives no positions, and a second, position-aware parse would cost more than
 * the first.
 */
export function jsonItemLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let stringStart = 0;
  let lastString = '';
  let itemsDepth = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) {
        inString = false;
        if (depth === 1) lastString = text.slice(stringStart, i);
      }
      continue;
    }
    if (c === 10) line++;
    else if (c === 34) {
      inString = true;
      stringStart = i + 1;
    } else if (c === 123 || c === 91) {
      if (c === 123 && depth === itemsDepth) lines.push(line);
      if (c === 91 && ((depth === 1 && lastString === 'items') || depth === 0)) itemsDepth = depth + 1;
      depth++;
    } else if (c === 125 || c === 93) {
      depth--;
      if (c === 93 && depth === itemsDepth - 1) itemsDepth = -1;
    }
  }
  return lines;
}

function redactSecretObject(object: Record<string, unknown>): { keys: string[]; hadValues: boolean } {
  const keys: string[] = [];
  let hadValues = false;
  for (const field of SECRET_VALUE_FIELDS) {
    const value = object[field];
    if (value === undefined) continue;
    if (isRecord(value)) {
      for (const [key, v] of Object.entries(value)) {
        keys.push(key);
        if (v !== '' && v !== null) hadValues = true;
      }
    } else if (value !== null) hadValues = true;
    delete object[field];
  }
  const annotations = asRecord(asRecord(object.metadata)?.annotations);
  for (const name of SECRET_VALUE_ANNOTATIONS) {
    if (annotations && name in annotations) {
      hadValues = true;
      delete annotations[name];
    }
  }
  return { keys: [...new Set(keys)].sort(), hadValues };
}

function parseJson(path: string, text: string): SnapshotResult | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON after all: YAML (a superset of it) reads it, or reports the error with its line.
    return undefined;
  }
  const top = asRecord(value);
  const isList = Array.isArray(value) || (top !== undefined && Array.isArray(top.items) && String(top.kind ?? '').endsWith('List'));
  const items: unknown[] = Array.isArray(value) ? value : isList ? (top!.items as unknown[]) : [value];
  const lines = isList ? jsonItemLines(text) : [1];
  const findings: Finding[] = [];
  const objects: SnapshotObject[] = [];
  const secretsWithValues: string[] = [];
  let times: string | undefined;
  items.forEach((item, index) => {
    const line = lines[index] ?? 1;
    const record = asRecord(item);
    let redaction: { keys: string[]; hadValues: boolean } | undefined;
    if (record && isSecret(record)) redaction = redactSecretObject(record);
    const wrong = identityProblem(item);
    if (wrong || !record) {
      findings.push(problem('FFE-E-SNAPSHOT-OBJECT', path, line, `Élément de l’export illisible : ${wrong ?? 'cet élément n’est pas un objet Kubernetes'}.`, 'L’export doit être une liste d’objets complets (sortie de « kubectl get … -o json »).'));
      return;
    }
    const metadata = asRecord(record.metadata)!;
    times = latest(times, metadata.creationTimestamp);
    for (const entry of asRecords(metadata.managedFields)) times = latest(times, entry.time);
    delete metadata.managedFields;
    delete record.status;
    const kube = record as KubeObject;
    if (redaction?.hadValues) secretsWithValues.push(`${kube.metadata?.namespace ?? ''}/${kube.metadata?.name ?? ''}`);
    objects.push({ object: kube, source: { path, line }, ...(redaction ? { secretKeys: redaction.keys } : {}), lineOf: () => line });
  });
  return finish(path, 'json', text, objects, findings, secretsWithValues, times);
}

function finish(
  path: string,
  format: Snapshot['format'],
  text: string,
  objects: SnapshotObject[],
  findings: Finding[],
  secretsWithValues: string[],
  times: string | undefined,
): SnapshotResult {
  if (findings.length > 0) return { ok: false, findings };
  if (objects.length === 0) {
    return {
      ok: false,
      findings: [problem('FFE-E-SNAPSHOT-EMPTY', path, 1, 'L’export ne contient aucun objet Kubernetes.', 'Vérifiez la commande kubectl (types demandés, contexte du bon cluster) et relancez l’export.')],
    };
  }
  const header = headerDate(text);
  const takenAt = header ?? times;
  return {
    ok: true,
    snapshot: {
      path,
      format,
      objects,
      ...(takenAt ? { takenAt, takenAtSource: header ? 'header' : 'objects' } : {}),
      secretsWithValues: [...new Set(secretsWithValues)].sort(),
    },
  };
}

export function tooLargeSnapshot(path: string, bytes: number): Finding {
  const mb = (n: number): string => (n / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 0 });
  return problem('FFE-E-SNAPSHOT-TOO-LARGE', path, 1, `Export trop volumineux (${mb(bytes)} Mo, limite ${mb(MAX_SNAPSHOT_BYTES)} Mo).`, 'Exportez moins de types (sans Pods ni Events), ou un export par espace de noms.');
}

/** Reads an export already loaded as text; `path` is how the file is named in messages and links. */
export function parseSnapshot(path: string, rawText: string): SnapshotResult {
  if (rawText.length > MAX_SNAPSHOT_BYTES) return { ok: false, findings: [tooLargeSnapshot(path, rawText.length)] };
  const text = normalizeText(rawText);
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') {
    const json = parseJson(path, text);
    if (json) return json;
  }
  return parseYaml(path, text);
}
