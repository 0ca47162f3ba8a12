// Every diagram of the built site, as its HTML holds it: one drawing, a text version, a full-size file that exists;
// and no mermaid code shipped when every diagram was drawn at build time.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { listFiles, pageRoutes } from '../../scripts/lib/site-dist.ts';
import { findAll, main, readPage, visibleText } from './lib/html.ts';
import type { Element } from 'hast';

const distDir = inject('distDir');
const classes = (e: Element): string[] => (e.properties.className as string[] | undefined) ?? [];

interface Figure {
  route: string;
  id: string;
  element: Element;
}

const figures: Figure[] = pageRoutes(distDir).flatMap((route) =>
  findAll(readPage(distDir, route), (e) => e.tagName === 'figure' && classes(e).includes('ffe-diagram')).map((element) => ({
    route,
    id: String(element.properties.dataDiagram ?? ''),
    element,
  })),
);
const drawnAtBuild = figures.filter((f) => !classes(f.element).includes('ffe-diagram--client'));

describe('the diagrams of the built site', () => {
  it('are many, and all drawn at build time', () => {
    expect(figures.length).toBeGreaterThan(20);
    expect(figures.filter((f) => !drawnAtBuild.includes(f)).map((f) => `${f.route} « ${f.id} »`)).toEqual([]);
  });

  it('are left out where they would say no more than the page: two neighbours or fewer, a namespace of two resources', () => {
    const headings = (route: string) => findAll(main(readPage(distDir, route)), (e) => /^h[23]$/.test(e.tagName)).map((e) => String(e.properties.id));
    const figuresOf = (route: string) => figures.filter((f) => f.route === route).map((f) => f.id);
    // A Namespace has one neighbour, the Kustomization that deploys it: the relations table says it.
    expect(figuresOf('/infra/production/_cluster/namespace/booking/')).toEqual([]);
    expect(headings('/infra/production/_cluster/namespace/booking/')).not.toContain('voisinage');
    expect(figuresOf('/infra/production/booking/deployment/calcom/')).toEqual(['resource-production-booking-deployment-calcom']);
    // Deployed by a Kustomization, used by one workload: two rows of the relations table, not a screen of boxes.
    const configMap = readdirSync(join(distDir, 'infra/production/booking/configmap'))[0]!;
    expect(figuresOf(`/infra/production/booking/configmap/${configMap}/`)).toEqual([]);
    expect(headings(`/infra/production/booking/configmap/${configMap}/`)).toEqual(expect.arrayContaining(['relations']));
    expect(headings(`/infra/production/booking/configmap/${configMap}/`)).not.toContain('voisinage');
    // Three neighbours (the Ingress, the Deployment, the Kustomization): drawn.
    expect(figuresOf('/infra/production/booking/service/calcom/')).toEqual(['resource-production-booking-service-calcom']);
    // Two unlinked resources: the caption says who deploys them, the table lists them.
    expect(figuresOf('/infra/production/kube-system/')).toEqual([]);
    // Nor does the page's table of contents name a section it does not have.
    const toc = (route: string) => findAll(readPage(distDir, route), (e) => e.tagName === 'a' && String(e.properties.href ?? '').startsWith('#')).map((a) => String(a.properties.href));
    expect(toc('/infra/production/kube-system/')).not.toContain('#schema');
    expect(toc('/infra/production/_cluster/namespace/booking/')).not.toContain('#voisinage');
    expect(toc('/infra/production/booking/')).toContain('#schema');
    expect(visibleText(main(readPage(distDir, '/infra/production/kube-system/')))).toContain('Déploiement : 1 ressource par la Kustomization Flux infra-configs');
    // The environment page names the environment once, in its title, not in each diagram's section.
    const sections = findAll(main(readPage(distDir, '/infra/production/')), (e) => e.tagName === 'h3').map((e) => visibleText(e));
    expect(sections).toEqual(['Vue d’ensemble', 'GitOps : ce que Flux déploie', 'Données et sauvegardes', 'Flux réseau autorisés']);
    // Nor is one drawn for nothing.
    expect(existsSync(join(distDir, 'schemas/resource-production-cluster-namespace-booking.svg'))).toBe(false);
  });

  it('each hold exactly one <svg>, named and described, with no second copy for the other theme', () => {
    const wrong = drawnAtBuild
      .map((f) => ({ f, svgs: findAll(f.element, (e) => e.tagName === 'svg') }))
      .filter(({ svgs }) => svgs.length !== 1 || findAll(svgs[0], (e) => e.tagName === 'title').length !== 1)
      .map(({ f, svgs }) => `${f.route} « ${f.id} » : ${svgs.length} svg`);
    expect(wrong).toEqual([]);
  });

  it('keep their stylesheets as drawn (no typography applied to them: `var(--…)`, straight quotes)', () => {
    const mangled = drawnAtBuild.flatMap((f) =>
      findAll(f.element, (e) => e.tagName === 'style')
        .map((style) => style.children.map((c) => ('value' in c ? c.value : '')).join(''))
        .filter((css) => /var\(–|[“”’]/.test(css) || !css.includes('var(--ffe-diagram-'))
        .map(() => `${f.route} « ${f.id} »`),
    );
    expect(mangled).toEqual([]);
  });

  it('each carry a text version listing their elements', () => {
    const missing = figures
      .filter((f) => {
        const details = findAll(f.element, (e) => e.tagName === 'details' && classes(e).includes('ffe-diagram__text'));
        return details.length !== 1 || findAll(details[0], (e) => e.tagName === 'li').length === 0;
      })
      .map((f) => `${f.route} « ${f.id} »`);
    expect(missing).toEqual([]);
  });

  it('each link to their standalone .svg file, which the site serves', () => {
    const broken = drawnAtBuild.flatMap((f) => {
      const links = findAll(f.element, (e) => e.tagName === 'a' && classes(e).includes('ffe-diagram__full')).map((a) => String(a.properties.href));
      if (links.length !== 1) return [`${f.route} « ${f.id} » : ${links.length} lien(s) vers le schéma en grand`];
      const file = join(distDir, links[0]);
      if (!/^\/schemas\/[^/]+\.svg$/.test(links[0]) || !existsSync(file)) return [`${f.route} « ${f.id} » : ${links[0]} introuvable`];
      const text = readFileSync(file, 'utf8');
      return text.startsWith('<?xml') && text.includes('prefers-color-scheme: dark') && (text.match(/<svg\b/g) ?? []).length === 1
        ? []
        : [`${f.route} « ${f.id} » : ${links[0]} n’est pas un SVG autonome`];
    });
    expect(broken).toEqual([]);
  });

  it('ship no mermaid code: dist/_astro holds no mermaid chunk', () => {
    const assets = listFiles(join(distDir, '_astro')).filter((f) => f.endsWith('.js'));
    const mermaid = assets.filter((f) => /mermaid|flowDiagram|dagre|cytoscape|katex/i.test(f) || readFileSync(join(distDir, '_astro', f), 'utf8').includes('mermaidAPI'));
    expect(mermaid).toEqual([]);
  });
});
