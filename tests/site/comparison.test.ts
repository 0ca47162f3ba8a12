// The comparison page of FFE's own site, as built: generated objects paired, calcom-config's three values, one row
// per route, and every difference with its overlay line (linked to the repository) and its reason — or « sans
// raison écrite ».
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from 'hast';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { findAll, main, readPage, visibleText } from './lib/html.ts';

const dist = inject('distDir');
let page: Element;

beforeAll(() => {
  page = main(readPage(dist, '/infra/comparaison/'));
});

const classes = (e: Element): string[] => (e.properties.className as string[] | undefined) ?? [];
const table = (label: string): Element => findAll(page, (e) => e.tagName === 'table' && e.properties.ariaLabel === label)[0]!;
const groups = (t: Element): Element[] => findAll(t, (e) => e.tagName === 'tbody');

describe('the comparison page', () => {
  it('pairs generated objects: none is « d’un seul côté »', () => {
    const lists = findAll(page, (e) => e.tagName === 'ul' && classes(e).includes('ffe-compare__alone'));
    const alone = lists.flatMap((ul) => ul.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li'));
    expect(alone.map(visibleText).filter((text) => /^(ConfigMap|Secret)/.test(text))).toEqual([]);
  });

  it('shows calcom-config once, with its three differing values', () => {
    const calcom = groups(table('ConfigMaps et Secrets qui diffèrent')).filter((g) => visibleText(g).includes('ConfigMap booking/calcom-config'));
    expect(calcom).toHaveLength(1);
    const text = visibleText(calcom[0]);
    for (const value of ['smtp-sandbox.ffe.fr', 'smtp.ffe.fr', 'https://rdv.staging.ffe.fr/api/auth', 'https://rdv.ffe.fr/api/auth', 'https://rdv.staging.ffe.fr', 'https://rdv.ffe.fr']) {
      expect(text).toContain(value);
    }
    expect(findAll(calcom[0], (e) => e.tagName === 'th' && e.properties.scope === 'row').map(visibleText)).toEqual(['EMAIL_SERVER_HOST', 'NEXTAUTH_URL', 'NEXT_PUBLIC_WEBAPP_URL']);
    expect(text).toContain('a catch-all inbox: staging never mails real clients');
  });

  it('has one row per route, with a staging and a production host', () => {
    const ingresses = readdirSync(join(dist, 'infra/production'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .flatMap((ns) => {
        try {
          return readdirSync(join(dist, 'infra/production', ns.name, 'ingress'));
        } catch {
          return [];
        }
      });
    const rows = groups(table('Hôtes de chaque route'));
    expect(ingresses.length).toBeGreaterThan(5);
    expect(rows).toHaveLength(ingresses.length);
    for (const row of rows) {
      const hostLists = findAll(row, (e) => e.tagName === 'ul' && classes(e).includes('ffe-compare__list'));
      expect(hostLists.map((ul) => findAll(ul, (e) => e.tagName === 'li').length), visibleText(row)).toEqual([1, 1]);
    }
  });

  it('gives every difference its overlay line, linked to the repository, and its reason or « sans raison écrite »', () => {
    const tables = findAll(page, (e) => e.tagName === 'table' && classes(e).includes('ffe-compare'));
    expect(tables.length).toBe(5);
    for (const group of tables.flatMap(groups)) {
      const origins = findAll(group, (e) => e.tagName === 'ul' && classes(e).includes('ffe-origins')).flatMap((ul) => findAll(ul, (e) => e.tagName === 'li'));
      expect(origins.length, visibleText(group)).toBeGreaterThan(0);
      for (const origin of origins) {
        const links = findAll(origin, (e) => e.tagName === 'a').map((a) => String(a.properties.href));
        expect(links.some((href) => /\/manifests\/.+#L\d+$/.test(href)), visibleText(origin)).toBe(true);
        const reason = findAll(origin, (e) => e.tagName === 'q').length > 0 || visibleText(origin).includes('sans raison écrite');
        expect(reason, visibleText(origin)).toBe(true);
      }
    }
    const text = visibleText(page);
    expect(text).toContain('Next release of the documentation site, tested here before production (production runs 1.4.0).');
    expect(text).toContain('One replica is enough without visitors; the PDBs use maxUnavailable so drains still pass.');
    expect(text).toContain('promotion en attente : staging essaie une version plus récente');
  });
});
