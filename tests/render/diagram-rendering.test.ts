import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagramRenderError, createDiagramRenderer, type DiagramSource } from '../../src/render/mermaid.ts';
import type { RenderedDiagram } from '../../src/render/markup.ts';
import { chromiumSkipReason } from './chromium-guard.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/render');
const webFlow: DiagramSource = {
  id: 'web/deployment/web',
  code: await readFile(path.join(fixtures, 'web-flow.mmd'), 'utf8'),
  title: 'Chemin du trafic vers web',
  description: 'Le déploiement web, exposé par le service web, lui-même publié par l’ingress web.',
};

function svgOf(diagram: RenderedDiagram | undefined): { light: string; dark: string } {
  if (diagram?.kind !== 'svg') throw new Error(`expected an SVG diagram, got ${JSON.stringify(diagram)}`);
  return diagram;
}

describe.skipIf(chromiumSkipReason !== undefined)(
  `diagrams drawn at build time in Chromium ${chromiumSkipReason ?? ''}`,
  () => {
    const temporaryDirs: string[] = [];
    const cacheDir = async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'ffe-diagrams-'));
      temporaryDirs.push(dir);
      return dir;
    };
    afterAll(async () => {
      await Promise.all(temporaryDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    });

    describe('a flowchart with links', () => {
      let light = '';
      let dark = '';
      beforeAll(async () => {
        const renderer = createDiagramRenderer({ cacheDir: false, env: { ...process.env, FFE_DIAGRAMS: 'ssr' } });
        ({ light, dark } = svgOf((await renderer.render([webFlow])).get(webFlow.id)));
        await renderer.close();
      });

      it('is static SVG whose labels are SVG text', () => {
        expect(light.startsWith('<svg')).toBe(true);
        for (const label of ['Deployment', 'Service', 'Ingress', 'Namespace', 'port']) expect(light).toContain(label);
        expect(light).not.toContain('<foreignObject');
      });

      it('links nodes to their resource pages with real href attributes', () => {
        expect(light).toMatch(/<a [^>]*href="\/infra\/web\/deployment\/web\/"/);
        expect(light).toMatch(/<a [^>]*href="\/infra\/web\/service\/web\/"/);
      });

      it('keeps no script, inline event handler or javascript: URL', () => {
        for (const svg of [light, dark]) {
          expect(svg).not.toMatch(/javascript:/i);
          expect(svg).not.toMatch(/\son[a-z]+=/i);
          expect(svg).not.toContain('<script');
        }
      });

      it('names and describes itself for assistive technology', () => {
        expect(light).toContain('<title id="d-web-deployment-web-');
        expect(light).toContain(`>${webFlow.title}</title>`);
        expect(light).toContain('Le déploiement web, exposé par le service web, lui-même publié par l’ingress web.</desc>');
        const titleId = /<title id="([^"]+)"/.exec(light)![1];
        expect(light).toMatch(new RegExp(`^<svg [^>]*aria-labelledby="${titleId}"`));
        expect(light).toMatch(/^<svg [^>]*aria-describedby="[^"]+-desc"/);
      });

      it('comes in a light and a dark variant with their own ids', () => {
        expect(dark).not.toBe(light);
        expect(light).toMatch(/^<svg id="[^"]+-light"/);
        expect(dark).toMatch(/^<svg id="[^"]+-dark"/);
        expect(dark).not.toContain('-light');
      });
    });

    it('gives byte-identical SVG for the same input in two separate browsers', async () => {
      const first = createDiagramRenderer({ cacheDir: false });
      const a = svgOf((await first.render([webFlow])).get(webFlow.id));
      await first.close();
      const second = createDiagramRenderer({ cacheDir: false });
      const b = svgOf((await second.render([webFlow])).get(webFlow.id));
      await second.close();
      expect(b.light).toBe(a.light);
      expect(b.dark).toBe(a.dark);
    });

    it('renders nothing on a warm rebuild: every diagram comes from the cache', async () => {
      const dir = await cacheDir();
      const other: DiagramSource = { ...webFlow, id: 'web/service/web', title: 'Service web' };
      const cold = createDiagramRenderer({ cacheDir: dir });
      const coldOut = await cold.render([webFlow, other]);
      await cold.close();
      expect(cold.stats).toMatchObject({ rendered: 2, cacheHits: 0, launches: 1 });

      const warm = createDiagramRenderer({ cacheDir: dir });
      const warmOut = await warm.render([webFlow, other]);
      await warm.close();
      expect(warm.stats).toMatchObject({ rendered: 0, cacheHits: 2, launches: 0, renderMs: 0 });
      expect(warmOut).toEqual(coldOut);
    });

    it('renders again when the diagram text changes', async () => {
      const dir = await cacheDir();
      const first = createDiagramRenderer({ cacheDir: dir });
      await first.render([webFlow]);
      await first.close();
      const changed = createDiagramRenderer({ cacheDir: dir });
      const out = await changed.render([{ ...webFlow, code: webFlow.code.replace('Ingress web', 'Ingress public') }]);
      await changed.close();
      expect(changed.stats).toMatchObject({ rendered: 1, cacheHits: 0 });
      expect(svgOf(out.get(webFlow.id)).light).toContain('public');
    });

    it('reports a mermaid syntax error with the diagram id', async () => {
      const renderer = createDiagramRenderer({ cacheDir: false });
      const broken: DiagramSource = {
        id: 'broken',
        code: await readFile(path.join(fixtures, 'broken.mmd'), 'utf8'),
        title: 'Cassé',
        description: '',
      };
      const failure = renderer.render([broken]);
      await expect(failure).rejects.toBeInstanceOf(DiagramRenderError);
      await expect(failure).rejects.toThrow(/Le diagramme « broken » n’a pas pu être dessiné par mermaid/);
      // The browser stays usable after a failure.
      expect(svgOf((await renderer.render([webFlow])).get(webFlow.id)).light).toContain('Deployment');
      await renderer.close();
    });
  },
);
