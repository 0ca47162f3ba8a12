// Checks, while MDX is compiled, every use of a component that names something of the model (<Ref>, <Term>, …, see
// CHECKED_COMPONENTS): a name that does not exist fails the build with the file, the line and what was probably
// meant. What the check resolved (a page address) is passed to the component as an extra prop, so components only
// render. Astro 7 compiles MDX with the configured `markdown.processor` (Sätteri by default, or unified): the
// `ffeMdxRefs()` integration adds the matching plugin to it, so that Starlight's own Markdown plugins stay in place.
import { readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { CHECKED_COMPONENTS, checkComponent, type CheckContext, type CheckedComponent, type PropValues } from '../views/refs.ts';
import { getModel } from './model.ts';

// The few shapes of Sätteri's MDX nodes this plugin reads (the mdast-util-mdx-jsx shapes).
interface JsxAttribute {
  type: 'mdxJsxAttribute';
  name: string;
  value?: string | null | { type: 'mdxJsxAttributeValueExpression'; value: string };
}
interface JsxExpressionAttribute {
  type: 'mdxJsxExpressionAttribute';
  value: string;
}
export interface JsxElement {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: readonly (JsxAttribute | JsxExpressionAttribute)[];
  children?: readonly unknown[];
  position?: { start: { line: number; column: number } };
}

export interface ElementProblem {
  line: number;
  column: number;
  /** The element as written, shortened (`<Ref kind="Service" namespace="web" name="sit" />`). */
  element: string;
  message: string;
}

export type ElementOutcome = { ok: true; inject?: Record<string, string> } | { ok: false; message: string };

/** The element as an author would recognise it in their file. */
export function describeElement(element: JsxElement): string {
  const attributes = element.attributes.map((attribute) => {
    if (attribute.type === 'mdxJsxExpressionAttribute') return `{${attribute.value}}`;
    if (attribute.value === null || attribute.value === undefined) return attribute.name;
    if (typeof attribute.value === 'string') return `${attribute.name}="${attribute.value}"`;
    return `${attribute.name}={${attribute.value.value}}`;
  });
  const open = [element.name ?? '', ...attributes].join(' ');
  return element.children && element.children.length > 0 ? `<${open}>…</${element.name}>` : `<${open} />`;
}

/** Checks one element against its component's declaration. */
export function checkElement(element: JsxElement, component: CheckedComponent, context: CheckContext): ElementOutcome {
  const values: Record<string, string | undefined> = {};
  for (const attribute of element.attributes) {
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      return { ok: false, message: `les attributs étalés (${`{${attribute.value}}`}) ne peuvent pas être vérifiés : écrivez ${component.props.map((p) => `${p}="…"`).join(' ')}` };
    }
    if (!component.props.includes(attribute.name)) continue;
    if (typeof attribute.value !== 'string') {
      return { ok: false, message: `l’attribut ${attribute.name} doit être écrit en toutes lettres (${attribute.name}="…") pour être vérifié à la construction` };
    }
    values[attribute.name] = attribute.value;
  }
  return checkComponent(component, values as PropValues, context);
}

/** The element with the resolved props added (replacing any written by hand). */
export function withInjected(element: JsxElement, inject: Record<string, string>): JsxElement {
  const names = new Set(Object.keys(inject));
  return {
    ...element,
    attributes: [
      ...element.attributes.filter((a) => a.type !== 'mdxJsxAttribute' || !names.has(a.name)),
      ...Object.entries(inject).map(([name, value]): JsxAttribute => ({ type: 'mdxJsxAttribute', name, value })),
    ],
  };
}

/** `content/docs/x.mdx:12:5 — <Ref … /> : message`, one line per problem. */
export function formatProblems(file: string, problems: readonly ElementProblem[]): string {
  return problems.map((p) => `${file}:${p.line}:${p.column} — ${p.element} : ${p.message}`).join('\n');
}

/** A build error that names the file and line; Astro shows `line`/`column` as the error location. */
export class MdxReferenceError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(file: string, problems: readonly ElementProblem[]) {
    const count = problems.length === 1 ? 'un nom qui n’existe pas' : `${problems.length} noms qui n’existent pas`;
    super(`${count} dans ${file} :\n${formatProblems(file, problems)}`);
    this.name = 'MdxReferenceError';
    this.line = problems[0]?.line ?? 1;
    this.column = problems[0]?.column ?? 1;
  }
}

export interface MdxRefsOptions {
  /** What the names are checked against; read once per document that uses a checked component. */
  context: () => Promise<CheckContext>;
  components?: Readonly<Record<string, CheckedComponent>>;
  /** Paths in messages are relative to this directory. Default: the current directory. */
  root?: string;
}

/**
 * The checks of one document, whatever the MDX compiler: `visit` each JSX element (it returns the element with its
 * resolved props when there is something to pass on), then `finish`, which throws if any name was wrong.
 */
export function documentChecker(options: MdxRefsOptions, path: string | undefined) {
  const components = options.components ?? CHECKED_COMPONENTS;
  const file = path ? relative(options.root ?? process.cwd(), path) : '(MDX)';
  const problems: ElementProblem[] = [];
  let context: Promise<CheckContext> | undefined;
  return {
    async visit(node: JsxElement): Promise<JsxElement | undefined> {
      const component = node.name ? components[node.name] : undefined;
      if (!component) return undefined;
      context ??= options.context();
      const outcome = checkElement(node, component, await context);
      if (outcome.ok) return outcome.inject ? withInjected(node, outcome.inject) : undefined;
      const start = node.position?.start ?? { line: 1, column: 1 };
      problems.push({ line: start.line, column: start.column, element: describeElement(node), message: outcome.message });
      return undefined;
    },
    finish(): void {
      problems.sort((a, b) => a.line - b.line || a.column - b.column);
      if (problems.length > 0) throw new MdxReferenceError(file, problems);
    },
  };
}

function mentionsAny(source: string, components: Readonly<Record<string, CheckedComponent>>): boolean {
  return Object.keys(components).some((name) => source.includes(`<${name}`));
}

// Sätteri's plugin contract, reduced to what is used here.
interface SatteriContext {
  replaceNode(node: unknown, replacement: unknown): void;
}
type SatteriVisitor = (node: JsxElement, context: SatteriContext) => Promise<void>;
export interface SatteriPlugin {
  name: string;
  options?: { position?: boolean };
  mdxJsxFlowElement?: SatteriVisitor;
  mdxJsxTextElement?: SatteriVisitor;
  after?: () => void;
}
export type SatteriPluginFactory = (document: { fileURL: URL | undefined; sourceFormat: string; source: string }) => SatteriPlugin | null;

/** For Sätteri (Astro 7's default Markdown processor): one plugin instance per MDX document. */
export function mdxRefsPlugin(options: MdxRefsOptions): SatteriPluginFactory {
  return ({ fileURL, sourceFormat, source }) => {
    // Cheap skip: most documents cite nothing.
    if (sourceFormat !== 'mdx' || !mentionsAny(source, options.components ?? CHECKED_COMPONENTS)) return null;
    const checker = documentChecker(options, fileURL ? fileURLToPath(fileURL) : undefined);
    const visit: SatteriVisitor = async (node, context) => {
      const replacement = await checker.visit(node);
      if (replacement) context.replaceNode(node, replacement);
    };
    return {
      name: 'ffe-mdx-refs',
      options: { position: true },
      mdxJsxFlowElement: visit,
      mdxJsxTextElement: visit,
      after: () => checker.finish(),
    };
  };
}

interface MdastNode {
  type: string;
  children?: MdastNode[];
}

/** For unified (`markdown.processor: unified(…)` from @astrojs/markdown-remark): a remark plugin. */
export function remarkMdxRefs(options: MdxRefsOptions) {
  return async (tree: MdastNode, file: { path?: string; value?: unknown }): Promise<void> => {
    if (typeof file.value === 'string' && !mentionsAny(file.value, options.components ?? CHECKED_COMPONENTS)) return;
    const checker = documentChecker(options, file.path);
    const walk = async (node: MdastNode): Promise<void> => {
      if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        const replacement = await checker.visit(node as unknown as JsxElement);
        if (replacement) (node as unknown as { attributes: JsxElement['attributes'] }).attributes = replacement.attributes;
      }
      for (const child of node.children ?? []) await walk(child);
    };
    await walk(tree);
    checker.finish();
  };
}

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFINITIONS_DIR = new URL('../../content/definitions/', import.meta.url);

/** Ids of the glossary entries, as the content collection names them (file name without `.mdx`). */
export function definitionIds(dir: URL | string = DEFINITIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.mdx'))
    .map((file) => file.slice(0, -'.mdx'.length))
    .sort();
}

/** The site's checks: the build's model, the definitions on disk, paths relative to the project. */
export function siteMdxRefsOptions(): MdxRefsOptions {
  return {
    root: PROJECT_ROOT,
    context: async () => ({ model: await getModel(), definitionIds: definitionIds() }),
  };
}

type Processor = { name?: string; options?: { mdastPlugins?: unknown[]; remarkPlugins?: unknown[] } };

/**
 * Adds the checks to the Markdown processor MDX uses (Astro's `markdown.processor`: Sätteri by default, or unified).
 * Any other processor stops the build: pages would otherwise be published unchecked.
 */
export function ffeMdxRefs(): AstroIntegration {
  return {
    name: 'ffe:mdx-refs',
    hooks: {
      'astro:config:setup': ({ config }) => {
        const processor = config.markdown.processor as Processor;
        const options = siteMdxRefsOptions();
        if (processor.name === 'satteri' && Array.isArray(processor.options?.mdastPlugins)) {
          processor.options.mdastPlugins.push(mdxRefsPlugin(options));
        } else if (processor.name === 'unified' && Array.isArray(processor.options?.remarkPlugins)) {
          processor.options.remarkPlugins.push([remarkMdxRefs, options]);
        } else {
          throw new Error(
            `ffe:mdx-refs : le processeur Markdown « ${processor.name ?? '?'} » n’est pas pris en charge, les <Ref> des pages ne seraient plus vérifiés. Utilisez satteri() ou unified() pour markdown.processor, ou adaptez src/site/mdx-refs.ts.`,
          );
        }
      },
    },
  };
}
