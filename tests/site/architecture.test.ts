// The architecture section: nine hand-written pages, each tied to the manifesto's principles and each carrying
// something computed from the manifests (a diagram or a table), with names cited through checked components.
import { describe, expect, inject, it } from 'vitest';
import { findAll, main, readPage } from './lib/html.ts';

const PAGES = [
  '/architecture/',
  '/architecture/reseau/',
  '/architecture/donnees/',
  '/architecture/securite/',
  '/architecture/environnements/',
  '/architecture/gitops/',
  '/architecture/versions/',
  '/architecture/observabilite/',
  '/architecture/site/',
];
const PRINCIPLES = ['#coherence', '#reconstruction-instantanee', '#tests-sans-risque', '#continuite-versionnee'];
const distDir = inject('distDir');

const hrefs = (route: string): string[] =>
  findAll(main(readPage(distDir, route)), (e) => e.tagName === 'a').map((a) => String(a.properties.href ?? ''));

describe.each(PAGES)('the architecture page %s', (route) => {
  it('links to at least one of the manifesto’s principles', () => {
    const principles = hrefs(route).filter((href) => PRINCIPLES.some((anchor) => href === `/manifeste/${anchor}`));
    expect(principles.length).toBeGreaterThan(0);
  });

  it('carries a diagram or a table generated from the manifests', () => {
    const classes = (e: { properties: { className?: unknown } }) => (e.properties.className as string[] | undefined) ?? [];
    const diagrams = findAll(main(readPage(distDir, route)), (e) => classes(e).includes('ffe-diagram') && findAll(e, (c) => c.tagName === 'svg').length > 0);
    const tables = findAll(main(readPage(distDir, route)), (e) => e.tagName === 'table');
    const generated = [...diagrams, ...tables];
    expect(generated.length).toBeGreaterThan(0);
  });

  it('cites resources with links to their generated pages', () => {
    expect(hrefs(route).filter((href) => href.startsWith('/infra/production/') || href.startsWith('/infra/staging/')).length).toBeGreaterThan(0);
  });
});

describe('the architecture section', () => {
  it('orders its pages in the sidebar as the issue lists them', () => {
    const sidebar = findAll(readPage(distDir, '/architecture/'), (e) => e.tagName === 'a' && String(e.properties.href ?? '').startsWith('/architecture/'))
      .map((a) => String(a.properties.href));
    const order = [...new Set(sidebar)].filter((href) => PAGES.includes(href));
    expect(order).toEqual(PAGES);
  });

  it('draws a hand-written ```mermaid block at build time, like the generated diagrams', () => {
    const page = main(readPage(distDir, '/architecture/site/'));
    const handWritten = findAll(page, (e) => String(e.properties.dataDiagram ?? '').startsWith('mdx-'));
    expect(handWritten).toHaveLength(1);
    const svgs = findAll(handWritten[0]!, (e) => e.tagName === 'svg');
    expect(svgs.map((svg) => String(svg.properties.id))).toEqual(['mdx-site-1']);
    expect(findAll(page, (e) => e.tagName === 'pre' && ((e.properties.className as string[] | undefined) ?? []).includes('mermaid'))).toEqual([]);
  });

  it('lists the Flux Kustomizations in the order they apply on the GitOps page', () => {
    const steps = findAll(main(readPage(distDir, '/architecture/gitops/')), (e) => e.tagName === 'ol' && ((e.properties.className as string[] | undefined) ?? []).includes('ffe-flux-steps'));
    expect(steps).toHaveLength(1);
    const names = findAll(steps[0], (e) => e.tagName === 'strong').map((s) => findAll(s, (a) => a.tagName === 'a').map((a) => String(a.properties.href))[0]);
    expect(names[0]).toBe('/infra/production/flux-system/kustomization/flux-system/');
    expect(names.indexOf('/infra/production/flux-system/kustomization/infra-controllers/')).toBeLessThan(
      names.indexOf('/infra/production/flux-system/kustomization/apps/'),
    );
  });
});
