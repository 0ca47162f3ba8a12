// FFE's own site shows its history: the journal page lists the commits of the window that changed what an
// environment deploys (the engine's entries, in its order, linked to the commit), the Atom feed carries the same
// entries, and every resource page has its « Historique ». Built from a shallow clone (CI may make one), the journal
// and the resource pages say so instead: both cases are checked against what the history engine reads here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readHistory, type History } from '../../src/infra/index.ts';
import { historyLoadOptions } from '../../src/site/history.ts';
import { projectSettings } from '../../src/site/settings.ts';
import { findAll, ids, main, readPage, visibleText } from './lib/html.ts';

const dist = inject('distDir');
let history: History;

beforeAll(async () => {
  const settings = projectSettings();
  const { history: window, manifests } = settings.options;
  if (!window) throw new Error('ffe.config.ts (or FFE_HISTORY) turns the history off: FFE’s site must show it');
  // The build read the same window through the same cache: this reads what it computed.
  history = await readHistory({ root: manifests.root, cacheDir: settings.historyCacheDir, window, load: historyLoadOptions(settings) });
}, 300_000);

const journal = () => main(readPage(dist, '/infra/journal/'));
const RESOURCE = '/infra/production/ffe-docs/deployment/site/';

describe('FFE’s journal', () => {
  it('lists the commits that changed the infrastructure, newest first, each linked to its commit — or says why it cannot', () => {
    const page = journal();
    if (!history.available) {
      expect(visibleText(page)).toMatch(/Historique indisponible/);
      return;
    }
    const articles = findAll(page, (e) => e.tagName === 'article');
    expect(articles.map((a) => a.properties.id)).toEqual(history.entries.map((e) => `commit-${e.sha.slice(0, 12)}`));
    expect(articles.length).toBeGreaterThan(0);
    for (const [i, article] of articles.entries()) {
      const entry = history.entries[i];
      const text = visibleText(article);
      expect(text).toContain(entry.subject);
      expect(text).toContain(entry.author);
      expect(text).toContain(`git revert ${entry.sha}`);
      expect(findAll(article, (e) => e.tagName === 'a').map((a) => String(a.properties.href))).toContain(`https://github.com/ffe-infra/ffe/commit/${entry.sha}`);
      for (const env of entry.comparison.environments) expect(text).toContain(env.env);
    }
  });

  it('is followed through an Atom feed of the same entries, announced by the page', () => {
    const feed = readFileSync(join(dist, 'infra/journal/atom.xml'), 'utf8');
    expect(feed.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true);
    const decode = (text: string): string => text.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
    const titles = [...feed.matchAll(/<entry><title>([^<]*)<\/title>/g)].map((m) => decode(m[1]));
    expect(titles).toEqual(history.available ? history.entries.map((e) => e.subject) : []);
    const head = findAll(readPage(dist, '/infra/journal/'), (e) => e.tagName === 'link' && e.properties.type === 'application/atom+xml');
    expect(head.map((l) => l.properties.href)).toEqual(['/infra/journal/atom.xml']);
  });

  it('gives every resource page its « Historique », before its manifest', () => {
    const page = main(readPage(dist, RESOURCE));
    expect(ids(page).has('historique')).toBe(true);
    const text = visibleText(page);
    const start = text.indexOf('Historique') + 'Historique'.length;
    const section = text.slice(start, text.indexOf('Manifeste', start));
    if (!history.available) {
      expect(section).toMatch(/Historique indisponible|clone superficiel/);
      return;
    }
    const touching = history.entries.filter((e) => e.comparison.environments.some((env) => env.objects.some((o) => o.key === 'production/apps/Deployment/ffe-docs/site')));
    if (touching.length === 0) expect(section).toMatch(/Aucun changement/);
    for (const entry of touching) {
      expect(section).toContain(entry.subject);
      expect(section).toContain(`git revert ${entry.sha}`);
    }
  });
});
