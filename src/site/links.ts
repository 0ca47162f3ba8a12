// The internal links of the content pages, checked on the built site: what a reader clicks is what is checked, whether
// it was written in Markdown, in a component's props (LinkCard, <Ref>…) or in a diagram. Each broken link is traced
// back to the line of the file that wrote it. Pure functions over HTML text and a lookup of the built files; the
// integration (links-plugin.ts) reads dist/ and stops the build.
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { joinFrench } from '../infra/index.ts';

/** What the checker needs to know about the built site. */
export interface BuiltSite {
  /** The site's public address (astro.config `site`): an absolute link to it is internal. */
  origin?: string;
  /** The built file served at a pathname (`/a/` → `a/index.html`), undefined when none. */
  fileAt(pathname: string): string | undefined;
  /** The ids of a built HTML file, for #fragments. */
  idsOf(file: string): ReadonlySet<string>;
}

function visitElements(node: Root | RootContent, visit: (element: Element) => void): void {
  if (node.type === 'element') visit(node);
  if ('children' in node) for (const child of node.children) visitElements(child, visit);
  if (node.type === 'element' && node.content) visitElements(node.content, visit);
}

/**
 * The links of a page's main column (title, hero, text, pagination): every `<a href>`, SVG ones included. The sidebar
 * and header repeat on every page and come from the configuration, not from the page.
 */
export function pageLinks(html: string): string[] {
  const start = html.indexOf('<main');
  const end = html.lastIndexOf('</main>');
  const main = start >= 0 && end > start ? html.slice(start, end + '</main>'.length) : html;
  const links: string[] = [];
  visitElements(fromHtml(main, { fragment: true }), (element) => {
    if (element.tagName !== 'a') return;
    const href = element.properties.href ?? element.properties.xLinkHref;
    if (typeof href === 'string') links.push(href);
  });
  return links;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

/**
 * Every id of an HTML page: what a #fragment may point at. Read from the attributes as Astro writes them (double
 * quotes, `&` and `"` escaped) rather than by parsing the whole page: the generated pages run to hundreds of
 * kilobytes of inline SVG, and a fragment may point at any of them.
 */
export function pageIds(html: string): Set<string> {
  const ids = new Set<string>();
  for (const [, raw] of html.matchAll(/\sid="([^"]+)"/g)) {
    ids.add(
      raw.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) =>
        name.startsWith('#') ? String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))) : (ENTITIES[name] ?? entity),
      ),
    );
  }
  return ids;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0']);

/**
 * Why an internal link of the page at `route` leads nowhere, in French, or undefined when it leads somewhere (or
 * leaves the site: other hosts are not checked, the build makes no request).
 */
export function brokenLinkReason(href: string, route: string, site: BuiltSite): string | undefined {
  if (href === '' || href.startsWith('?')) return undefined;
  let url: URL;
  if (SCHEME.test(href)) {
    try {
      url = new URL(href);
    } catch {
      return 'adresse mal formée';
    }
    if ((url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTS.has(url.hostname)) {
      return 'adresse locale (localhost) : un lecteur ne peut pas l’ouvrir';
    }
    if (!site.origin || url.origin !== new URL(site.origin).origin) return undefined;
  } else if (href.startsWith('#')) {
    url = new URL(href, new URL(route, 'https://site.invalid'));
  } else if (!href.startsWith('/')) {
    return 'lien relatif : écrivez l’adresse depuis la racine du site (/…/), qui ne dépend pas de la page où elle est écrite';
  } else {
    url = new URL(href, 'https://site.invalid');
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return 'adresse mal encodée';
  }
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  if (last !== '' && !last.includes('.')) return `barre oblique finale manquante : le site sert cette page à l’adresse ${url.pathname}/`;
  const file = site.fileAt(pathname);
  if (!file) return `aucune page ni aucun fichier à l’adresse ${url.pathname}`;
  const fragment = decodeURIComponent(url.hash.slice(1));
  if (fragment && file.endsWith('.html') && !site.idsOf(file).has(fragment)) {
    return `la page ${url.pathname} n’a pas d’ancre « ${fragment} » (titres et éléments identifiés de la page)`;
  }
  return undefined;
}

export interface SourceText {
  /** Relative to the project root, as shown to the author. */
  file: string;
  text: string;
}

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/**
 * Where a link was written: the first of `sources` (the page's own file first) holding it as written, or without its
 * trailing slash or fragment (`](/a/b)` renders as it is, a component may add the slash). Undefined when it is made by
 * a component from other props.
 */
export function locateLink(href: string, sources: readonly SourceText[]): SourcePosition | undefined {
  const forms = [...new Set([href, href.replace(/#.*$/, ''), href.replace(/\/(#.*)?$/, '')])].filter((form) => form.length > 1);
  for (const { file, text } of sources) {
    for (const form of forms) {
      // A form written as a whole link, not inside a longer one: `/a/` must not be found in `/a/b/`.
      const pattern = new RegExp(`(?<=[("'\`\\s=]|^)${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[)"'\`\\s#]|$)`, 'm');
      const match = pattern.exec(text);
      if (!match) continue;
      const before = text.slice(0, match.index);
      const line = before.split('\n').length;
      return { file, line, column: match.index - before.lastIndexOf('\n') };
    }
  }
  return undefined;
}

export interface BrokenLink {
  /** The page's source file (relative), or the page's address when it has none. */
  page: string;
  href: string;
  reason: string;
  position?: SourcePosition;
}

/** `content/docs/a.mdx:12:5 — « /b/ » : aucune page…`, one line per broken link, the page named when no line is known. */
export function formatBrokenLinks(broken: readonly BrokenLink[]): string {
  return broken
    .map((b) => {
      const where = b.position ? `${b.position.file}:${b.position.line}:${b.position.column}` : b.page;
      const made = b.position ? '' : ' (lien produit par un composant ou la mise en page, introuvable tel quel dans le fichier)';
      return `${where} — « ${b.href} » : ${b.reason}${made}`;
    })
    .join('\n');
}

/** A sentence naming the files at fault, for the error's title line. */
export function brokenLinksSummary(broken: readonly BrokenLink[]): string {
  const files = [...new Set(broken.map((b) => b.position?.file ?? b.page))];
  return `${broken.length === 1 ? 'Un lien interne cassé' : `${broken.length} liens internes cassés`} dans ${joinFrench(files.map((f) => `« ${f} »`))}`;
}
