// The site's own pages may link to a generated page that this build does not make: the comparison page of a site
// whose manifests have one environment (FFE's prose, kept by a fork with a single cluster). Such a link is left out of
// the page rather than published dead: a Markdown link keeps its text, an element that only leads there (a
// <LinkCard>) goes. Any other broken link is still the link check's business (links-plugin.ts).
import type { Link, Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { MdastPluginDefinition, MdastVisitorContext, PluginFactoryContext } from 'satteri';
import { visit } from 'unist-util-visit';
import type { AstroIntegration } from 'astro';
import { COMPARISON_PATH } from '../views/pages.ts';
import { addMarkdownPlugin } from './markdown-processor.ts';
import type { BuildSession } from './session.ts';

/** The generated pages a build makes only sometimes: what a page may link to that may be absent. */
const OPTIONAL_PAGES: readonly string[] = [COMPARISON_PATH];

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

const hrefOf = (element: JsxElement): unknown => element.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'href')?.value;

/** Where a link points, without its fragment: `/infra/comparaison/#images` is the comparison page. */
const pageOf = (url: unknown): string | undefined => (typeof url === 'string' ? url.split('#')[0] : undefined);

/** For Sätteri: links to `absent()` pages lose their link, elements leading there are removed. */
function absentPagesPlugin(absent: () => Promise<ReadonlySet<string>>): (document: PluginFactoryContext) => MdastPluginDefinition | null {
  return ({ source }) => {
    if (!OPTIONAL_PAGES.some((page) => source.includes(page))) return null;
    const gone = async (url: unknown): Promise<boolean> => {
      const page = pageOf(url);
      return page !== undefined && (await absent()).has(page);
    };
    return {
      name: 'ffe-absent-pages',
      link: async (node: Readonly<Link>, context: MdastVisitorContext) => {
        if (await gone(node.url)) context.replaceNode(node, node.children as Link['children']);
      },
      mdxJsxFlowElement: async (node: Readonly<JsxElement>, context: MdastVisitorContext) => {
        if (await gone(hrefOf(node as JsxElement))) context.removeNode(node);
      },
      mdxJsxTextElement: async (node: Readonly<JsxElement>, context: MdastVisitorContext) => {
        if (await gone(hrefOf(node as JsxElement))) context.replaceNode(node, node.children as JsxElement['children']);
      },
    };
  };
}

/** For unified: the same, as a remark plugin. */
function remarkAbsentPages(absent: () => Promise<ReadonlySet<string>>) {
  return async (tree: Root): Promise<void> => {
    const pages = await absent();
    const gone = (url: unknown): boolean => pages.has(pageOf(url) ?? '');
    visit(tree, (node, index, parent) => {
      if (!parent || index === undefined) return;
      const children = (parent as { children: RootContent[] }).children;
      if (node.type === 'link' && gone(node.url)) children.splice(index, 1, ...(node.children as RootContent[]));
      else if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && gone(hrefOf(node))) {
        children.splice(index, 1, ...(node.type === 'mdxJsxTextElement' ? (node.children as RootContent[]) : []));
      } else return;
      return index;
    });
  };
}

/** The optional pages this build does not make. */
async function absentPages(session: BuildSession): Promise<ReadonlySet<string>> {
  const { environments } = await session.site();
  return new Set(environments.comparison ? [] : [COMPARISON_PATH]);
}

export function ffeAbsentPages(session: BuildSession): AstroIntegration {
  return {
    name: 'ffe:absent-pages',
    hooks: {
      'astro:config:setup': ({ config }) => {
        const absent = () => absentPages(session);
        // The page checks (mdx-refs.ts) stop the build on any other processor: nothing to add here.
        addMarkdownPlugin(config.markdown.processor, { satteri: absentPagesPlugin(absent), remark: [remarkAbsentPages, absent] });
      },
    },
  };
}
