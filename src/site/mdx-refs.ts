// Checks, while MDX is compiled, every use of a component that reads the model (<Ref>, <Term>, <HostOf>, tables and
// diagrams…, see src/views/model-components.ts): a name that does not exist fails the build with the file, the line
// and what was probably meant — or, under FFE_ALLOW_ERRORS=1 (trying the site on another repository), the element
// is replaced by a visible « référence introuvable » marker and listed on the findings page. What a check resolved
// (a page address) is passed to the component as an extra prop, so components only render. Astro 7 compiles MDX
// with the configured `markdown.processor` (Sätteri by default, or unified): the `ffeMdxRefs()` integration adds the
// matching plugin to it, so that Starlight's own Markdown plugins stay in place.
import { readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { MdastPluginDefinition, MdastVisitorContext, PluginFactoryContext } from 'satteri';
import { visit } from 'unist-util-visit';
import type { AstroIntegration } from 'astro';
import type { PluginOption } from 'vite';
import { AstroError } from 'astro/errors';
import { ALLOW_ERRORS_ENV } from '../infra/index.ts';
import { checkComponent, type CheckContext, type CheckedComponent, type PropValues } from '../views/refs.ts';
import { MODEL_COMPONENTS } from '../views/model-components.ts';
import { addMarkdownPlugin } from './markdown-processor.ts';
import type { BuildSession } from './session.ts';
import { formatUnresolved, type UnresolvedReference, type UnresolvedReferences } from './unresolved-refs.ts';

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

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
  return element.children.length > 0 ? `<${open}>…</${element.name}>` : `<${open} />`;
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

/** The attributes with the resolved props added (replacing any written by hand). */
export function withInjected(attributes: JsxElement['attributes'], inject: Record<string, string>): JsxElement['attributes'] {
  const names = new Set(Object.keys(inject));
  return [
    ...attributes.filter((a) => a.type !== 'mdxJsxAttribute' || !names.has(a.name)),
    ...Object.entries(inject).map(([name, value]): MdxJsxAttribute => ({ type: 'mdxJsxAttribute', name, value })),
  ];
}

/**
 * A build error that names the file and line, with what to do: an AstroError, so Astro prints its message and hint
 * and no stack trace.
 */
export class MdxReferenceError extends AstroError {
  readonly line: number;
  readonly column: number;
  readonly file: string;
  /** The problems of one file, or of several (`files`, as the build reports them all at once). */
  constructor(file: string, problems: readonly ElementProblem[], files?: readonly UnresolvedReference[]) {
    const all = files ?? problems.map((p) => ({ file, ...p }));
    const fileCount = new Set(all.map((p) => p.file)).size;
    const count = all.length === 1 ? 'un nom qui n’existe pas' : `${all.length} noms qui n’existent pas`;
    const where = fileCount === 1 ? `dans ${all[0]?.file ?? file}` : `dans ${fileCount} pages`;
    super(
      `${count} ${where} :\n${all.map(formatUnresolved).join('\n')}`,
      `Corrigez le nom dans la page (les noms proches sont suggérés), ou la ressource dans les manifestes. Pour construire quand même, avec ces références marquées « référence introuvable » et listées sur /infra/constats/ : ${ALLOW_ERRORS_ENV}=1 npm run build.`,
    );
    this.name = 'Références introuvables';
    this.stack = '';
    this.file = all[0]?.file ?? file;
    this.line = all[0]?.line ?? 1;
    this.column = all[0]?.column ?? 1;
  }
}

/** What stands where an unresolved element was: visible, explained in its title, listed on the findings page. */
export function unresolvedMarker(element: JsxElement, problem: ElementProblem): JsxElement {
  const attributes: MdxJsxAttribute[] = [
    { type: 'mdxJsxAttribute', name: 'class', value: 'ffe-unresolved' },
    { type: 'mdxJsxAttribute', name: 'title', value: `${problem.element} : ${problem.message}` },
    { type: 'mdxJsxAttribute', name: 'data-ffe-unresolved', value: problem.element },
  ];
  const label = { type: 'text' as const, value: 'référence introuvable' };
  if (element.type === 'mdxJsxTextElement') return { type: 'mdxJsxTextElement', name: 'span', attributes, children: [label] };
  return {
    type: 'mdxJsxFlowElement',
    name: 'div',
    attributes,
    children: [
      {
        type: 'paragraph',
        children: [
          { type: 'strong', children: [{ type: 'text', value: 'Référence introuvable' }] },
          { type: 'text', value: ' — ' },
          { type: 'inlineCode', value: problem.element },
          { type: 'text', value: ` : ${problem.message}.` },
        ],
      },
    ],
  };
}

export interface MdxRefsOptions {
  /** What the names are checked against; read once per document that uses a checked component. */
  context: () => Promise<CheckContext>;
  components?: Readonly<Record<string, CheckedComponent>>;
  /** Paths in messages are relative to this directory. Default: the current directory. */
  root?: string;
  /**
   * What a name that does not resolve does: `throw` at the end of its document (default; the dev server shows it),
   * `report` (recorded; the build reports every page's at once, see ffeMdxRefs), or `mark` (replaced by a visible
   * marker and recorded for the findings page: FFE_ALLOW_ERRORS=1).
   */
  unresolved?: 'throw' | 'report' | 'mark';
  /** Where `report` and `mark` record what did not resolve (the build's list). */
  references?: UnresolvedReferences;
}

/**
 * The checks of one document, whatever the MDX compiler: `visit` each JSX element (it returns the element to put in
 * its place when there is one: with its resolved props, or a marker), then `finish`, which throws if any name was
 * wrong and errors are not allowed.
 */
export function documentChecker(options: MdxRefsOptions, path: string | undefined) {
  const components = options.components ?? MODEL_COMPONENTS;
  const file = path ? relative(options.root ?? process.cwd(), path) : '(MDX)';
  const problems: ElementProblem[] = [];
  const mode = options.unresolved ?? 'throw';
  let context: Promise<CheckContext> | undefined;
  if (mode !== 'throw') options.references?.forget(file);
  return {
    async visit(node: JsxElement): Promise<JsxElement | undefined> {
      const component = node.name ? components[node.name] : undefined;
      if (!component) return undefined;
      context ??= options.context();
      const outcome = checkElement(node, component, await context);
      if (outcome.ok) return outcome.inject ? { ...node, attributes: withInjected(node.attributes, outcome.inject) } : undefined;
      const start = node.position?.start ?? { line: 1, column: 1 };
      const problem = { line: start.line, column: start.column, element: describeElement(node), message: outcome.message };
      problems.push(problem);
      if (mode === 'throw') return undefined;
      options.references?.record({ file, ...problem } satisfies UnresolvedReference);
      return mode === 'mark' ? unresolvedMarker(node, problem) : undefined;
    },
    finish(): void {
      problems.sort((a, b) => a.line - b.line || a.column - b.column);
      if (problems.length > 0 && mode === 'throw') throw new MdxReferenceError(file, problems);
    },
  };
}

function mentionsAny(source: string, components: Readonly<Record<string, CheckedComponent>>): boolean {
  return Object.keys(components).some((name) => source.includes(`<${name}`));
}

/** For Sätteri (Astro 7's default Markdown processor): one plugin instance per MDX document. */
export function mdxRefsPlugin(options: MdxRefsOptions): (document: PluginFactoryContext) => MdastPluginDefinition | null {
  return ({ fileURL, sourceFormat, source }) => {
    // Cheap skip: most documents cite nothing.
    if (sourceFormat !== 'mdx' || !mentionsAny(source, options.components ?? MODEL_COMPONENTS)) return null;
    const checker = documentChecker(options, fileURL ? fileURLToPath(fileURL) : undefined);
    // Sätteri hands read-only nodes of the same mdast-util-mdx-jsx shapes, and takes replacements through its context.
    const check = async (node: Readonly<JsxElement>, context: MdastVisitorContext): Promise<void> => {
      const replacement = await checker.visit(node as JsxElement);
      if (replacement) context.replaceNode(node, replacement);
    };
    return {
      name: 'ffe-mdx-refs',
      options: { position: true },
      mdxJsxFlowElement: check,
      mdxJsxTextElement: check,
      after: () => checker.finish(),
    };
  };
}

/** For unified (`markdown.processor: unified(…)` from @astrojs/markdown-remark): a remark plugin. */
export function remarkMdxRefs(options: MdxRefsOptions) {
  return async (tree: Root, file: { path?: string; value?: unknown }): Promise<void> => {
    if (typeof file.value === 'string' && !mentionsAny(file.value, options.components ?? MODEL_COMPONENTS)) return;
    const checker = documentChecker(options, file.path);
    const found: { node: JsxElement; index: number; parent: { children: RootContent[] } }[] = [];
    visit(tree, ['mdxJsxFlowElement', 'mdxJsxTextElement'], (node, index, parent) => {
      if (parent && index !== undefined) found.push({ node: node as JsxElement, index, parent: parent as { children: RootContent[] } });
    });
    // Checks are asynchronous (the model is loaded once, on first use): visit first, then replace.
    for (const { node, index, parent } of found) {
      const replacement = await checker.visit(node);
      if (replacement) parent.children[index] = replacement as RootContent;
    }
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

/** The site's checks: the build's model and default environments, the definitions on disk, paths relative to the project. */
export function siteMdxRefsOptions(session: BuildSession, command: 'build' | 'dev' | string): MdxRefsOptions {
  return {
    root: PROJECT_ROOT,
    unresolved: session.settings.allowErrors ? 'mark' : command === 'build' ? 'report' : 'throw',
    references: session.unresolved,
    context: async () => {
      const site = await session.site();
      return { model: site.model, definitionIds: definitionIds(), defaultEnv: site.environments.default, comparison: site.environments.comparison };
    },
  };
}

/**
 * Stops the build once every page is compiled, with every unresolved name of every page: thrown from a Vite hook of
 * its own, so that Astro prints it as the AstroError it is (a compiler's error handler would give it a stack trace).
 */
function reportUnresolved(references: UnresolvedReferences): PluginOption {
  return {
    name: 'ffe:mdx-refs-report',
    buildEnd() {
      const unresolved = references.list();
      if (unresolved.length === 0) return;
      references.forgetAll();
      throw new MdxReferenceError(unresolved[0]!.file, [], unresolved);
    },
  };
}

/**
 * Adds the checks to the Markdown processor MDX uses (Astro's `markdown.processor`: Sätteri by default, or unified).
 * Any other processor stops the build: pages would otherwise be published unchecked.
 */
export function ffeMdxRefs(session: BuildSession): AstroIntegration {
  return {
    name: 'ffe:mdx-refs',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        const options = siteMdxRefsOptions(session, command);
        if (options.unresolved === 'report') updateConfig({ vite: { plugins: [reportUnresolved(session.unresolved)] } });
        const processor = addMarkdownPlugin(config.markdown.processor, { satteri: mdxRefsPlugin(options), remark: [remarkMdxRefs, options] });
        if (!processor.added) {
          const error = new AstroError(
            `ffe:mdx-refs : le processeur Markdown « ${processor.name} » n’est pas pris en charge, les <Ref> des pages ne seraient plus vérifiés.`,
            'Utilisez satteri() ou unified() pour markdown.processor dans astro.config.mjs, ou adaptez src/site/mdx-refs.ts.',
          );
          error.stack = '';
          throw error;
        }
      },
    },
  };
}
