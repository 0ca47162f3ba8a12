// YAML text → Kubernetes objects with their source line. Never throws on bad input: every problem becomes a Finding.
import { isMap, isSeq, LineCounter, parseAllDocuments, visit, type Document, type DocumentOptions, type Node as YamlNode, type SchemaOptions } from 'yaml';
import { fileFieldLines } from './field-lines.ts';
import { isRecord } from './fields.ts';
import type { FieldLines, Finding, KubeObject, SourceLocation } from './model.ts';

/** One Kubernetes object read from a file, and where it was written. */
export interface ParsedDocument {
  object: KubeObject;
  source: SourceLocation;
  /** The line of each of its fields in `source.path`. */
  lines?: FieldLines;
}

export interface ParseResult {
  documents: ParsedDocument[];
  findings: Finding[];
}

export interface ParseOptions {
  /** Bigger files are refused (a size bomb, or not a manifest at all). */
  maxBytes?: number;
  /** Aliases expanded per document before it is refused (an alias bomb). */
  maxAliasCount?: number;
  /** A file that is not YAML because of Helm template actions is said to be a template (plain files only). */
  detectHelmTemplates?: boolean;
  /** The file is a template of a Helm chart (in `templates/` beside a `Chart.yaml`): skipped, with a warning. */
  chartTemplate?: boolean;
}

const BRACES = /\{\{/g;

/** Whether some `{{` of the text is YAML structure rather than text inside a string (comments aside). */
function bracesOutsideStrings(text: string, docs: readonly Document.Parsed[]): boolean {
  const written = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .match(BRACES)?.length ?? 0;
  let inStrings = 0;
  for (const doc of docs) {
    visit(doc, {
      Scalar(_key, node) {
        if (typeof node.value === 'string') inStrings += node.value.match(BRACES)?.length ?? 0;
      },
    });
  }
  return inStrings < written;
}

function helmTemplateFinding(path: string, line: number): Finding {
  return {
    code: 'FFE-W-HELM-TEMPLATE',
    severity: 'warning',
    message: 'Gabarit (Helm {{ … }} hors d’une valeur, ou Jinja {% … %}) : ce n’est pas un manifeste, fichier ignoré.',
    hint: 'Un gabarit n’est pas un manifeste : déclarez le chart par une HelmRelease ou un HelmChart, ou sortez ce dossier des manifestes.',
    location: { path, line },
  };
}

/**
 * YAML as Kubernetes reads it: kubectl and the API server parse YAML 1.1 (sigs.k8s.io/yaml, on go-yaml v2), where
 * `paused: no` is false, `on`/`off`/`y`/`n` are booleans and `0644` is octal (420). Two 1.1 types go-yaml v2 does not
 * apply are left out: sexagesimal numbers (`12:30` stays text) and timestamps (kept as the text written).
 */
export const KUBERNETES_YAML: DocumentOptions & SchemaOptions = {
  version: '1.1',
  schema: 'yaml-1.1',
  customTags: (tags) =>
    tags.filter((tag) =>
      typeof tag === 'string' ? !['intTime', 'floatTime', 'timestamp'].includes(tag) : tag.format !== 'TIME' && tag.tag !== 'tag:yaml.org,2002:timestamp',
    ),
};

export const MAX_FILE_BYTES = 16 * 1024 * 1024;
export const MAX_ALIAS_COUNT = 100;
/**
 * Deepest nesting of maps and lists a document may have. Real manifests stay far below (a CRD's OpenAPI schema
 * reaches about 40 levels); past this, something is wrong with the file, and deeper structures would exhaust the
 * call stack of the YAML parser or of the schema validator.
 */
export const MAX_DEPTH = 128;

// Helm actions that do not occur in ordinary values (Prometheus or Alertmanager templates use `{{ $labels }}` freely).
const HELM_ACTION = /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\.Template|include\s|template\s|toYaml|tpl\s|define\s|if\s|range\s|with\s|end\s*-?\}\})/;
const HELM_LINE_START = /^\s*\{\{/;
// Jinja (Ansible, Salt) statements: `{% if %}`, `{%- for %}`. A YAML value never starts with `{%`.
const JINJA_STATEMENT = /\{%-?\s*\w/;

export function tooLargeFinding(path: string, bytes: number, maxBytes: number): Finding {
  const mb = (n: number): string => (n / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  return {
    code: 'FFE-E-YAML-TOO-LARGE',
    severity: 'error',
    message: `Fichier trop volumineux (${mb(bytes)} Mo, limite ${mb(maxBytes)} Mo) : ignoré.`,
    hint: 'Découpez-le en plusieurs fichiers, ou retirez-le du dossier des manifestes s’il ne décrit pas l’infrastructure.',
    location: { path, line: 1 },
  };
}

/** 1-based line of the first Helm action, or 0. */
export function helmTemplateLine(text: string): number {
  if (!text.includes('{{') && !text.includes('{%')) return 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.includes('{{') && (HELM_LINE_START.test(line) || HELM_ACTION.test(line))) return i + 1;
    if (JINJA_STATEMENT.test(line)) return i + 1;
  }
  return 0;
}

/** BOM and CRLF are tolerated: strip the one, turn the other into LF (line numbers do not change). */
export function normalizeText(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes('\r') ? noBom.replace(/\r\n?/g, '\n') : noBom;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A file's bytes as text, or a located error when they are not UTF-8 text (a binary file, or UTF-16). */
export function decodeManifest(path: string, bytes: Uint8Array): { text: string } | { finding: Finding } {
  const notText = (why: string): { finding: Finding } => ({
    finding: {
      code: 'FFE-E-NOT-TEXT',
      severity: 'error',
      message: `Ce fichier n’est pas du texte UTF-8 (${why}) : ignoré.`,
      hint: 'Enregistrez-le en UTF-8 s’il s’agit d’un manifeste ; sinon retirez-le du dossier des manifestes ou renommez-le (il porte l’extension .yaml).',
      location: { path, line: 1 },
    },
  });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return notText('encodé en UTF-16');
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return notText('octets invalides');
  }
  // YAML allows no control characters but tab and line breaks: a NUL byte means a binary file.
  const nul = text.indexOf('\u0000');
  if (nul !== -1) return notText(`octet nul ligne ${text.slice(0, nul).split('\n').length}`);
  return { text };
}

function tooDeepFinding(path: string, line: number): Finding {
  return {
    code: 'FFE-E-YAML-TOO-DEEP',
    severity: 'error',
    message: `Imbrication trop profonde (plus de ${MAX_DEPTH} niveaux de listes ou de tables) : document ignoré.`,
    hint: 'Un manifeste n’a jamais besoin d’autant de niveaux : vérifiez que ce fichier est bien un manifeste, ou aplatissez la structure.',
    location: { path, line },
  };
}

/** True when `value` nests maps and lists deeper than `max` (iterative: deep input must not exhaust the stack). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: item, depth } = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError || /call stack/i.test(String((error as Error)?.message ?? error));
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Kustomize and KRM configuration files live next to manifests but are not cluster objects. */
function isToolConfig(apiVersion: string): boolean {
  return apiVersion.startsWith('kustomize.config.k8s.io/') || apiVersion.startsWith('config.kubernetes.io/');
}

function duplicateKeyName(text: string, offset: number): string {
  const match = /^["']?([^"':\n]*)/.exec(text.slice(offset, offset + 200));
  return match?.[1]?.trim() ?? '';
}

function yamlErrorFinding(path: string, text: string, error: { code: string; message: string; pos: [number, number]; linePos?: [{ line: number; col: number }] | [{ line: number; col: number }, { line: number; col: number }] }): Finding {
  const location: SourceLocation = { path, line: error.linePos?.[0]?.line ?? 1, column: error.linePos?.[0]?.col ?? 1 };
  if (error.code === 'DUPLICATE_KEY') {
    const key = duplicateKeyName(text, error.pos[0]);
    return {
      code: 'FFE-E-YAML-DUPLICATE-KEY',
      severity: 'error',
      message: key ? `Clé « ${key} » définie deux fois dans le même objet.` : 'Clé définie deux fois dans le même objet.',
      hint: 'Une seule valeur serait retenue sans prévenir : fusionnez les deux clés ou supprimez l’une d’elles.',
      location,
    };
  }
  if (/call stack/i.test(error.message)) return tooDeepFinding(path, location.line);
  const detail = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
  return {
    code: 'FFE-E-YAML',
    severity: 'error',
    message: `YAML invalide : ${detail}.`.replace(/\.\.$/, '.'),
    hint: 'Corrigez la syntaxe à cet endroit (indentation, deux-points, guillemets) ; le fichier est ignoré tant qu’il est invalide.',
    location,
  };
}

function lineOf(lineCounter: LineCounter, node: YamlNode | null | undefined, fallback: number): number {
  const offset = node?.range?.[0];
  return offset === undefined ? fallback : lineCounter.linePos(offset).line;
}

function notKubernetesFinding(path: string, line: number): Finding {
  return {
    code: 'FFE-N-NOT-KUBERNETES',
    severity: 'notice',
    message: 'Ce YAML n’est pas un objet Kubernetes (fichier de valeurs ou de configuration ?) : ignoré.',
    hint: 'Rien à faire s’il s’agit bien d’un fichier de valeurs ; sinon ajoutez apiVersion, kind et metadata.name.',
    location: { path, line },
  };
}

function missingFieldFinding(path: string, line: number, field: 'apiVersion' | 'kind' | 'metadata.name'): Finding {
  const code = field === 'apiVersion' ? 'FFE-E-MISSING-APIVERSION' : field === 'kind' ? 'FFE-E-MISSING-KIND' : 'FFE-E-MISSING-NAME';
  return {
    code,
    severity: 'error',
    message: `Objet sans ${field} : Kubernetes le refuserait.`,
    hint: `Ajoutez ${field} à cet objet.`,
    location: { path, line },
  };
}

/**
 * Classifies one JS value read from YAML: a Kubernetes object (kept), a list of them (expanded by the caller),
 * something else (skipped with a notice), or an object missing its identity (an error).
 */
function classify(value: unknown): 'empty' | 'other' | 'tool' | 'object' | 'list' | 'apiVersion' | 'kind' | 'metadata.name' {
  if (value === null || value === undefined) return 'empty';
  if (!isRecord(value)) return 'other';
  const hasApiVersion = nonEmptyString(value.apiVersion);
  const hasKind = nonEmptyString(value.kind);
  // A Chart.yaml or a values file may carry one of the two, but never object metadata.
  if (!hasApiVersion && !hasKind) return 'other';
  if ((!hasApiVersion || !hasKind) && !isRecord(value.metadata)) return 'other';
  if (hasApiVersion && isToolConfig(value.apiVersion as string)) return 'tool';
  if (!hasApiVersion) return 'apiVersion';
  if (!hasKind) return 'kind';
  if ((value.kind as string).endsWith('List') && Array.isArray(value.items)) return 'list';
  const metadata = isRecord(value.metadata) ? value.metadata : undefined;
  if (!nonEmptyString(metadata?.name) && !nonEmptyString(metadata?.generateName)) return 'metadata.name';
  return 'object';
}

type LinesOf = (item?: number) => FieldLines;

function documentToObjects(doc: Document.Parsed, path: string, lineCounter: LineCounter, maxAliasCount: number, out: ParseResult, state: { notified: boolean }, linesOf: LinesOf): void {
  const docLine = lineOf(lineCounter, doc.contents, lineOf(lineCounter, doc as unknown as YamlNode, 1));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount });
  } catch (error) {
    if (isStackOverflow(error)) {
      out.findings.push(tooDeepFinding(path, docLine));
      return;
    }
    out.findings.push({
      code: 'FFE-E-YAML-ALIAS',
      severity: 'error',
      message: `Trop d’alias YAML développés (plus de ${maxAliasCount}) : document refusé pour éviter une « bombe d’alias ».`,
      hint: 'Écrivez les valeurs en clair plutôt qu’avec des alias (&ancre / *alias) imbriqués.',
      location: { path, line: docLine },
    });
    return;
  }
  if (nestedDeeperThan(value, MAX_DEPTH)) {
    out.findings.push(tooDeepFinding(path, docLine));
    return;
  }
  const pending: { value: unknown; line: number; top: boolean; index?: number }[] = [{ value, line: docLine, top: true }];
  while (pending.length > 0) {
    const { value: item, line, top, index: itemIndex } = pending.shift()!;
    const kind = classify(item);
    switch (kind) {
      case 'empty':
      case 'tool':
        break;
      case 'other':
        if (!state.notified) out.findings.push(notKubernetesFinding(path, line));
        state.notified = true;
        break;
      case 'list': {
        const items = (item as { items: unknown[] }).items;
        const seq = top ? doc.get('items', true) : undefined;
        items.forEach((child, index) => {
          const node = isSeq(seq) ? (seq.items[index] as YamlNode | undefined) : undefined;
          pending.push({ value: child, line: lineOf(lineCounter, node, line), top: false, ...(top ? { index } : {}) });
        });
        break;
      }
      case 'object':
        // Lists nested in a list item are not located field by field: their objects keep their first line only.
        out.documents.push({ object: item as KubeObject, source: { path, line }, ...(top || itemIndex !== undefined ? { lines: linesOf(itemIndex) } : {}) });
        break;
      default:
        out.findings.push(missingFieldFinding(path, line, kind));
    }
  }
}

/** Parses a YAML file (multi-document, `kind: List` expanded). `path` is the repo-relative path used in findings. */
export function parseManifest(path: string, rawText: string, options: ParseOptions = {}): ParseResult {
  const out: ParseResult = { documents: [], findings: [] };
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  if (rawText.length > maxBytes) {
    out.findings.push(tooLargeFinding(path, rawText.length, maxBytes));
    return out;
  }
  const text = normalizeText(rawText);
  if (options.chartTemplate) {
    out.findings.push(helmTemplateFinding(path, Math.max(1, helmTemplateLine(text))));
    return out;
  }
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { ...KUBERNETES_YAML, lineCounter, uniqueKeys: true, prettyErrors: true, strict: true }) as unknown as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (error) {
    out.findings.push(
      isStackOverflow(error)
        ? tooDeepFinding(path, 1)
        : {
            code: 'FFE-E-YAML',
            severity: 'error',
            message: `YAML illisible : ${(error as Error).message.split('\n')[0]}`,
            hint: 'Corrigez la syntaxe de ce fichier ; il est ignoré tant qu’il est invalide.',
            location: { path, line: 1 },
          },
    );
    return out;
  }
  // Braces in a string value are data (a PrometheusRule's `{{ $value }}`): only a file that is not YAML because of its
  // template actions is a Helm template.
  const helmLine = options.detectHelmTemplates !== false ? helmTemplateLine(text) : 0;
  if (helmLine > 0 && (docs.some((doc) => doc.errors.length > 0) || bracesOutsideStrings(text, docs))) {
    out.findings.push(helmTemplateFinding(path, helmLine));
    return out;
  }
  const state = { notified: false };
  const fieldLines = fileFieldLines(text, KUBERNETES_YAML);
  for (const [index, doc] of docs.entries()) {
    if (doc.errors.length > 0) {
      // Later errors of a broken document are mostly echoes of the first one.
      out.findings.push(yamlErrorFinding(path, text, doc.errors[0] as never));
      continue;
    }
    if (!isMap(doc.contents) && doc.contents === null) continue;
    documentToObjects(doc, path, lineCounter, options.maxAliasCount ?? MAX_ALIAS_COUNT, out, state, (item) => fieldLines.of(index, item));
  }
  return out;
}
