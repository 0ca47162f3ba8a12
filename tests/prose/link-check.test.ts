// The internal links of the content pages, checked on the built pages: a link that leads nowhere is reported at the
// line of the file that wrote it, in French, whatever wrote it (Markdown, a component, a shared definition).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brokenContentLinks, builtSite } from '../../src/site/links-plugin.ts';
import { brokenLinkReason, formatBrokenLinks, locateLink } from '../../src/site/links.ts';

const root = mkdtempSync(join(tmpdir(), 'ffe-links-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

const page = (main: string, aside = ''): string =>
  `<!doctype html><html lang="fr"><head><title>t</title></head><body><nav>${aside}</nav><main><h1 id="_top">T</h1>${main}</main></body></html>`;

// The built site: a page with anchors, a standalone diagram, the page under test.
write('dist/architecture/index.html', page('<h2 id="gitops">GitOps</h2>'));
write('dist/architecture/gitops/index.html', page('<h2 id="chaine">Chaîne</h2>'));
write('dist/schemas/overview.svg', '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
write(
  'dist/guide/index.html',
  page(
    [
      '<p><a href="/architecture/">ok</a> <a href="/architecture/#gitops">ok</a> <a href="#_top">ok</a>',
      '<a href="/schemas/overview.svg">ok</a> <a href="https://kubernetes.io/docs/">ok</a> <a href="mailto:a@ffe.fr">ok</a>',
      '<a href="https://docs.ffe.fr/architecture/gitops/#chaine">ok</a></p>',
      '<p><a href="/architecure/">typo</a> <a href="/architecture/gitops/#chaîne">ancre</a> <a href="../manifeste/">relatif</a></p>',
      '<p><a href="/architecture">sans barre</a> <a href="http://localhost:4321/">local</a> <a href="https://docs.ffe.fr/nulle-part/">même site</a></p>',
      '<svg><a href="/infra/production/absent/"><text>nœud</text></a></svg>',
      '<p><a href="/definition-cassee/">définition</a></p>',
    ].join('\n'),
    // The sidebar is the configuration's, not the page's.
    '<a href="/sidebar-cassee/">menu</a>',
  ),
);
write(
  'content/docs/guide.mdx',
  [
    '---',
    'title: Guide',
    '---',
    '',
    'Voir [l’architecture](/architecture/) et [sa section](/architecture/#gitops).',
    'Une [faute](/architecure/), une [ancre](/architecture/gitops/#chaîne) et un [relatif](../manifeste/).',
    'Puis [sans barre](/architecture), [en local](http://localhost:4321/) et [le même site](https://docs.ffe.fr/nulle-part/).',
    '',
    '<Diagram view="namespace" />',
  ].join('\n'),
);
write('content/definitions/terme.mdx', '---\ntitle: Terme\n---\n\nDéfini [ailleurs](/definition-cassee/).\n');

describe('internal links of the content pages', () => {
  const site = builtSite(join(root, 'dist'), 'https://docs.ffe.fr');
  const { broken, links, pages } = brokenContentLinks(
    new Map([
      ['/guide/', 'content/docs/guide.mdx'],
      // A <StarlightPage> (generated page) names a file that does not exist: not content, not checked.
      ['/architecture/', 'content/docs/architecture.md'],
    ]),
    site,
    root,
  );

  it('are followed to a page, a file or an anchor of the built site, and only the broken ones are reported', () => {
    expect(pages).toBe(1);
    expect(links).toBe(15);
    expect(broken.map((b) => b.href)).toEqual([
      '/architecure/',
      '/architecture/gitops/#chaîne',
      '../manifeste/',
      '/architecture',
      'http://localhost:4321/',
      'https://docs.ffe.fr/nulle-part/',
      '/infra/production/absent/',
      '/definition-cassee/',
    ]);
  });

  it('are reported at the line and column that wrote them, with the reason in French', () => {
    expect(formatBrokenLinks(broken).split('\n')).toEqual([
      'content/docs/guide.mdx:6:13 — « /architecure/ » : aucune page ni aucun fichier à l’adresse /architecure/',
      'content/docs/guide.mdx:6:41 — « /architecture/gitops/#chaîne » : la page /architecture/gitops/ n’a pas d’ancre « chaîne » (titres et éléments identifiés de la page)',
      'content/docs/guide.mdx:6:87 — « ../manifeste/ » : lien relatif : écrivez l’adresse depuis la racine du site (/…/), qui ne dépend pas de la page où elle est écrite',
      'content/docs/guide.mdx:7:19 — « /architecture » : barre oblique finale manquante : le site sert cette page à l’adresse /architecture/',
      'content/docs/guide.mdx:7:46 — « http://localhost:4321/ » : adresse locale (localhost) : un lecteur ne peut pas l’ouvrir',
      'content/docs/guide.mdx:7:88 — « https://docs.ffe.fr/nulle-part/ » : aucune page ni aucun fichier à l’adresse /nulle-part/',
      'content/docs/guide.mdx — « /infra/production/absent/ » : aucune page ni aucun fichier à l’adresse /infra/production/absent/ (lien produit par un composant ou la mise en page, introuvable tel quel dans le fichier)',
      'content/definitions/terme.mdx:5:19 — « /definition-cassee/ » : aucune page ni aucun fichier à l’adresse /definition-cassee/',
    ]);
  });

  it('find a link as a whole address, not inside a longer one', () => {
    const sources = [{ file: 'a.mdx', text: 'Voir [b](/a/b/).\nPuis [a](/a/).' }];
    expect(locateLink('/a/', sources)).toEqual({ file: 'a.mdx', line: 2, column: 10 });
    expect(locateLink('/a/#section', sources)).toEqual({ file: 'a.mdx', line: 2, column: 10 });
    expect(locateLink('/c/', sources)).toBeUndefined();
  });

  it('leave other sites alone: the build makes no request', () => {
    expect(brokenLinkReason('https://example.org/absent/', '/guide/', site)).toBeUndefined();
    expect(brokenLinkReason('https://docs.ffe.fr/architecture/', '/guide/', site)).toBeUndefined();
    expect(brokenLinkReason('#absent', '/architecture/', site)).toBe('la page /architecture/ n’a pas d’ancre « absent » (titres et éléments identifiés de la page)');
  });
});
