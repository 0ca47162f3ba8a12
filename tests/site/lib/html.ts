// Reading built pages the way a reader sees them: visible text, ids, links.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Element, Root } from 'hast';

export function readPage(distDir: string, route: string): Root {
  const file = join(distDir, route.replace(/^\//, ''), route.endsWith('.html') ? '' : 'index.html');
  return fromHtml(readFileSync(file, 'utf8'));
}

/** Collapses every run of white space, so that line breaks in the source do not matter. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function visibleText(tree: Root | Element): string {
  return normalizeSpace(toText(tree));
}

export function findAll(tree: Root | Element, test: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  const visit = (node: Root | Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (test(child)) found.push(child);
      visit(child);
    }
  };
  visit(tree);
  return found;
}

export function main(tree: Root): Element {
  const [el] = findAll(tree, (e) => e.tagName === 'main');
  if (!el) throw new Error('page has no <main>');
  return el;
}

export function ids(tree: Root | Element): Set<string> {
  return new Set(findAll(tree, (e) => typeof e.properties.id === 'string').map((e) => String(e.properties.id)));
}
