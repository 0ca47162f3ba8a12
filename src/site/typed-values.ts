// Finds, in the Markdown tree of an MDX page, the values of the model typed by hand — a public host, an image
// reference or tag, a chart version — where a component would compute them. Prose only: code (fenced or inline),
// JavaScript expressions, imports and component attributes are left alone. Pure: the tree and the known values in,
// located findings out; the hook (typed-values-plugin.ts) decides whether they warn or stop the build.
import type { Nodes, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { joinFrench } from '../infra/index.ts';
import type { KnownValue } from '../views/prose/known-values.ts';

export interface TypedValue {
  line: number;
  column: number;
  /** The text as typed. */
  text: string;
  /** French: what it is and the component to use instead. */
  message: string;
  /** The elements that compute it. */
  components: string[];
}

/** Nodes whose content is not prose. */
const NOT_PROSE = new Set(['code', 'inlineCode', 'mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression', 'yaml', 'toml', 'html']);

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * One pattern for every known text, longest first (a host before the shorter host it ends with, an image reference
 * before its tag), matched as a whole word: not inside a longer name (`ffe.fr` in `www.ffe.fr`, `1.4.0` in `1.4.0.1`),
 * nor an e-mail's domain.
 */
export function typedValuePattern(texts: Iterable<string>): RegExp | undefined {
  const sorted = [...new Set(texts)].filter((t) => t.length > 0).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  if (sorted.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}_.@-])(?:${sorted.map(escape).join('|')})(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])`, 'gu');
}

function describe(text: string, values: readonly KnownValue[]): { message: string; components: string[] } {
  const components = [...new Set(values.map((v) => v.component))];
  const what = [...new Set(values.map((v) => v.what))];
  const whatText = joinFrench(what, 'ou');
  const use = joinFrench(components, 'ou');
  return {
    message: `« ${text} » est tapé à la main : c’est ${whatText}, qui changera avec les manifestes ; écrivez ${use} pour le calculer (ou mettez-le entre accents graves s’il s’agit d’un exemple)`,
    components,
  };
}

/** The position of `offset` in a node's text, from where the node starts (soft line breaks stay in the text). */
function positionIn(value: string, offset: number, start: { line: number; column: number }): { line: number; column: number } {
  const before = value.slice(0, offset);
  const breaks = before.split('\n');
  return breaks.length === 1 ? { line: start.line, column: start.column + offset } : { line: start.line + breaks.length - 1, column: breaks.at(-1)!.length + 1 };
}

function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? (node.children as Nodes[]).map(textOf).join('') : '';
}

export function findTypedValues(tree: Root, known: ReadonlyMap<string, readonly KnownValue[]>, pattern = typedValuePattern(known.keys())): TypedValue[] {
  if (!pattern) return [];
  const found: TypedValue[] = [];
  const scan = (value: string, start: { line: number; column: number }, exact: boolean, except: ReadonlySet<string> = new Set()): void => {
    for (const match of value.matchAll(pattern)) {
      const values = known.get(match[0]);
      if (!values || except.has(match[0])) continue;
      const at = exact ? positionIn(value, match.index, start) : start;
      found.push({ ...at, text: match[0], ...describe(match[0], values) });
    }
  };
  visit(tree, (node: Nodes) => {
    if (NOT_PROSE.has(node.type)) return SKIP;
    const start = node.position?.start ?? { line: 1, column: 1 };
    if (node.type === 'text') scan(node.value, start, true);
    // A link's address, except the values its text shows too (an autolink): that text is reported instead.
    else if (node.type === 'link') scan(node.url, start, false, new Set(textOf(node).match(pattern) ?? []));
    else if (node.type === 'definition' || node.type === 'image') scan(node.url, start, false);
    // Attributes of components are parameters (a host a diagram starts from…), not prose; their children are visited.
    return undefined;
  });
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
