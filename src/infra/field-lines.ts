// The line of each field of a parsed object. Most loads never ask (only a located message does), so nothing is kept
// beyond the file's text: the first question about a file parses it again, and its syntax trees answer the next ones.
import { isAlias, isMap, isSeq, LineCounter, parseAllDocuments, type Document, type DocumentOptions, type Node as YamlNode, type SchemaOptions } from 'yaml';
import type { FieldLines, FieldPath } from './model.ts';

interface ParsedFile {
  docs: Document.Parsed[];
  counter: LineCounter;
}

function childOf(node: unknown, key: string | number, doc: Document.Parsed): unknown {
  const own = isMap(node) ? node.get(key, true) : isSeq(node) && typeof key === 'number' ? node.items[key] : undefined;
  return isAlias(own) ? own.resolve(doc) : own;
}

function hasRange(node: unknown): node is YamlNode & { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && Array.isArray((node as YamlNode).range);
}

/**
 * Field lines for the objects of one YAML file (its text, parsed with the `options` it was parsed with): `of(document)`
 * for a document's object, `of(document, item)` for an item of a top-level `kind: List`.
 */
export function fileFieldLines(text: string, options: DocumentOptions & SchemaOptions = {}): { of(document: number, item?: number): FieldLines } {
  let parsed: ParsedFile | undefined;
  const load = (): ParsedFile => {
    if (!parsed) {
      const counter = new LineCounter();
      const docs = parseAllDocuments(text, { ...options, lineCounter: counter, uniqueKeys: false }) as unknown;
      parsed = { docs: Array.isArray(docs) ? (docs as Document.Parsed[]) : [], counter };
    }
    return parsed;
  };
  return {
    of: (document, item) => ({
      lineOf(path: FieldPath): number | undefined {
        const { docs, counter } = load();
        const doc = docs[document];
        if (!doc) return undefined;
        let node: unknown = item === undefined ? doc.contents : childOf(childOf(doc.contents, 'items', doc), item, doc);
        let found = hasRange(node) ? node : undefined;
        for (const key of path) {
          node = childOf(node, key, doc);
          if (!hasRange(node)) break;
          found = node;
        }
        return found ? counter.linePos(found.range[0]).line : undefined;
      },
    }),
  };
}
