// The generated part of the site, read from the build: every resource has its page, diagrams are SVG drawn at build
// time, and the versions table lists every image that production runs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { loadModel, podsOf, type Model } from '../../src/infra/index.ts';
import { resourcePath } from '../../src/views/paths.ts';
import { findAll, main, readPage, visibleText } from './lib/html.ts';

const dist = inject('distDir');
let model: Model;

beforeAll(async () => {
  model = await loadModel();
});

const production = (): Model['environments'][number] => model.environments.find((e) => e.name === 'production')!;

describe('resource pages', () => {
  it('exist for every namespaced production resource, titled with its name', () => {
    const namespaced = production().resources.filter((r) => r.id.namespace);
    expect(namespaced.length).toBeGreaterThan(80);
    const missing = namespaced.filter((r) => !existsSync(join(dist, resourcePath(r), 'index.html')));
    expect(missing.map((r) => r.key)).toEqual([]);
    const sample = namespaced[0]!;
    expect(visibleText(findAll(readPage(dist, resourcePath(sample)), (e) => e.tagName === 'h1')[0]!)).toContain(sample.id.name);
  });

  it('link to the file and line each resource was written at', () => {
    const resource = production().resources.find((r) => r.id.kind === 'Deployment')!;
    const links = findAll(main(readPage(dist, resourcePath(resource))), (e) => e.tagName === 'a').map((a) => String(a.properties.href));
    expect(links.filter((href) => href.endsWith(`/${resource.source.path}#L${resource.source.line}`))).not.toEqual([]);
  });

  it('never show a secret value, even an encrypted one', () => {
    const sealed = production().resources.find((r) => r.id.kind === 'SealedSecret')!;
    const encrypted = Object.values((sealed.object.spec as { encryptedData: Record<string, string> }).encryptedData);
    const text = visibleText(main(readPage(dist, resourcePath(sealed))));
    expect(encrypted.length).toBeGreaterThan(0);
    for (const value of encrypted) expect(text).not.toContain(value);
    expect(text).toContain('masqué');
  });
});

describe('diagrams', () => {
  it('are inline SVG, one per diagram for both themes, with no mermaid source left for the browser', () => {
    const page = readPage(dist, '/infra/production/');
    const svgs = findAll(page, (e) => e.tagName === 'svg' && findAll(e, (child) => child.tagName === 'desc').length > 0);
    const ids = svgs.map((svg) => String(svg.properties.id));
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => /-(light|dark)$/.test(id))).toEqual([]);
    expect(findAll(page, (e) => e.tagName === 'pre' && (e.properties.className as string[] | undefined)?.includes('mermaid') === true)).toEqual([]);
    const scripts = findAll(page, (e) => e.tagName === 'script').map((s) => String(s.properties.src ?? ''));
    expect(scripts.filter((src) => src.includes('mermaid'))).toEqual([]);
  });

  it('link their nodes to resource pages', () => {
    const page = readPage(dist, '/infra/production/');
    const inSvg = findAll(page, (e) => e.tagName === 'svg').flatMap((svg) => findAll(svg, (e) => e.tagName === 'a'));
    const hrefs = inSvg.map((a) => String(a.properties.href));
    expect(hrefs.length).toBeGreaterThan(10);
    for (const href of hrefs.filter((h) => h.startsWith('/infra/'))) expect(existsSync(join(dist, href, 'index.html')), href).toBe(true);
  });
});

describe('the versions table', () => {
  it('lists every image production runs', () => {
    const images = new Set(
      production().resources.flatMap((r) => {
        return (podsOf(r)?.containers ?? []).flatMap((c) => c.image ?? []);
      }),
    );
    expect(images.size).toBeGreaterThan(5);
    const page = visibleText(main(readPage(dist, '/infra/production/ffe-docs/deployment/site/')));
    expect(page).toContain('ffe-docs');
    const table = ['/architecture/versions/', '/infra/comparaison/'].map((route) => join(dist, route, 'index.html')).find(existsSync);
    expect(table, 'a page with the versions table').toBeDefined();
    const text = visibleText(main(readPage(dist, table!.slice(dist.length).replace(/index\.html$/, ''))));
    for (const image of images) {
      const [repository, tag] = [image.replace(/[:@].*$/, ''), image.split(':').pop()!];
      expect(text, image).toContain(repository.split('/').pop()!);
      expect(text, image).toContain(tag.split('@')[0]!);
    }
  });
});
