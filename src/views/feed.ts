// The journal as an Atom feed (RFC 4287): the same entries as the journal page, for readers who follow the
// infrastructure in their feed reader. Built as a tree (xastscript) and serialised (xast-util-to-xml), each entry's
// changes as HTML (hastscript): nothing is written by string concatenation, so a commit message or a resource name
// cannot break the XML or inject markup. No date but Git's: the same commit gives the same bytes.
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { ElementContent } from 'hast';
import { toXml } from 'xast-util-to-xml';
import { x } from 'xastscript';
import type { Element as XmlElement } from 'xast';
import { JOURNAL_FEED_PATH, JOURNAL_PATH, TYPE_TEXT, type EnvironmentChangesView, type JournalView } from './history.ts';

export interface FeedOptions {
  /** The site's title (« FFE »). */
  siteTitle: string;
  /** The site's public address, when configured: links and ids are absolute then. */
  site?: string;
}

const absolute = (site: string | undefined, path: string): string => (site ? new URL(path, site.endsWith('/') ? site : `${site}/`).href : path);

function changesHtml(environments: readonly EnvironmentChangesView[], site: string | undefined): string {
  const parts: ElementContent[] = [];
  for (const env of environments) {
    parts.push(h('h3', `${env.env} — ${env.summary}`));
    const items: ElementContent[] = [];
    for (const group of env.groups) {
      for (const item of group.items) {
        const label = item.href ? h('a', { href: absolute(site, item.href) }, item.label) : item.label;
        const lines = [...item.values, ...item.fields.map((f) => `${f.path} : ${f.change}`)];
        items.push(h('li', [h('strong', `${TYPE_TEXT[group.type]} : `), label, ...(lines.length > 0 ? [` — ${lines.join(' ; ')}`] : [])]));
      }
    }
    if (env.introduced.length > 0) items.push(h('li', `Constats introduits : ${env.introduced.map((f) => `${f.code} (${f.message})`).join(' ; ')}`));
    if (env.fixed.length > 0) items.push(h('li', `Constats corrigés : ${env.fixed.map((f) => `${f.code} (${f.message})`).join(' ; ')}`));
    parts.push(h('ul', items));
  }
  return toHtml(h(null, parts));
}

/** The Atom document of the journal (no entry when the history could not be read; its note is the subtitle). */
export function journalFeed(view: JournalView, options: FeedOptions): string {
  const site = options.site;
  const journalUrl = absolute(site, JOURNAL_PATH);
  const feedId = site ? journalUrl : 'urn:ffe:journal';
  const entries = view.available ? view.months.flatMap((m) => m.entries) : [];
  const updated = entries[0]?.commit.dateIso ?? new Date(0).toISOString();
  const children: XmlElement[] = [
    x('title', `Journal de l’infrastructure — ${options.siteTitle}`),
    x('subtitle', view.available ? 'Chaque commit qui a changé ce qu’un environnement déploie, avec ses changements.' : view.note),
    x('id', feedId),
    x('link', { rel: 'self', type: 'application/atom+xml', href: absolute(site, JOURNAL_FEED_PATH) }),
    x('link', { rel: 'alternate', type: 'text/html', href: journalUrl }),
    x('updated', updated),
    x('generator', 'FFE'),
    ...entries.map(({ commit, environments }) =>
      x('entry', [
        x('title', commit.subject),
        x('id', site ? `${journalUrl}#${commit.id}` : `urn:ffe:commit:${commit.sha}`),
        x('link', { rel: 'alternate', type: 'text/html', href: `${journalUrl}#${commit.id}` }),
        ...(commit.url ? [x('link', { rel: 'related', type: 'text/html', href: commit.url, title: `commit ${commit.short}` })] : []),
        x('updated', commit.dateIso),
        x('author', [x('name', commit.author || 'inconnu')]),
        x('content', { type: 'html' }, changesHtml(environments, site)),
      ]),
    ),
  ];
  const feed = x('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'fr' }, children);
  return `<?xml version="1.0" encoding="utf-8"?>\n${toXml(feed, { closeEmptyElements: true })}\n`;
}
