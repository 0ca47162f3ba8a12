// remark plugin (for `markdown.processor: unified(…)`): hand-written ```mermaid blocks in MD/MDX get the same
// treatment as generated diagrams (mermaid-blocks.ts). It runs before Expressive Code (a rehype plugin), so the block
// never reaches the syntax highlighter. satteri-mermaid.ts does the same for Astro's default processor.
import type { Program } from 'estree';
import type { Code, Html, Parent, Root } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import type { MdxjsEsm } from 'mdast-util-mdxjs-esm';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { CLIENT_COMPONENT_NAME, MermaidDocument, type MermaidBlock, type MermaidBlockOptions } from './mermaid-blocks.ts';

export { parseMeta } from './mermaid-blocks.ts';
export type RemarkMermaidOptions = MermaidBlockOptions;

type Found = { node: Code; parent: Parent; block: MermaidBlock };

/** The mermaid blocks in document order, each with the heading it sits under. */
function collect(tree: Root): Found[] {
  const found: Found[] = [];
  let heading: string | undefined;
  visit(tree, (node, _index, parent) => {
    if (node.type === 'heading') {
      heading = toString(node).trim();
      return SKIP;
    }
    if (node.type === 'code' && node.lang === 'mermaid' && parent) {
      found.push({ node, parent, block: { code: node.value, meta: node.meta, heading, line: node.position?.start.line } });
    }
    return undefined;
  });
  return found;
}

function importNode(name: string, specifier: string): MdxjsEsm {
  const raw = JSON.stringify(specifier);
  const program: Program = {
    type: 'Program',
    sourceType: 'module',
    body: [
      {
        type: 'ImportDeclaration',
        specifiers: [{ type: 'ImportDefaultSpecifier', local: { type: 'Identifier', name } }],
        source: { type: 'Literal', value: specifier, raw },
        attributes: [],
      },
    ],
  };
  return { type: 'mdxjsEsm', value: `import ${name} from ${raw}`, data: { estree: program } };
}

export default function remarkMermaid(options: RemarkMermaidOptions) {
  return async function transform(tree: Root, file: VFile): Promise<void> {
    const found = collect(tree);
    if (found.length === 0) return;
    const document = new MermaidDocument(options, file.path);
    const blocks = found.map((f) => f.block);
    const figures = await document.figures(blocks, blocks.map((block) => document.source(block)));
    found.forEach(({ node, parent }, index) => {
      const html: Html = { type: 'html', value: figures[index], position: node.position };
      parent.children[parent.children.indexOf(node)] = html;
    });
    if (document.needsClient(file.path?.endsWith('.mdx') ?? false)) {
      const element: MdxJsxFlowElement = { type: 'mdxJsxFlowElement', name: CLIENT_COMPONENT_NAME, attributes: [], children: [] };
      tree.children.unshift(importNode(CLIENT_COMPONENT_NAME, options.clientComponent!));
      tree.children.push(element);
    }
  };
}

export { remarkMermaid };
