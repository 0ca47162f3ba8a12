import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagramRenderError, createDiagramRenderer, type DiagramSource, type RenderedDiagram } from '../../src/render/mermaid.ts';
import { DIAGRAM_COLOURS, colourVariable } from '../../src/render/palette.ts';
import { chromiumSkipReason, testChromium } from './chromium-guard.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/render');
const webFlow: DiagramSource = {
  id: 'web/deployment/web',
  code: await readFile(path.join(fixtures, 'web-flow.mmd'), 'utf8'),
  title: 'Chemin du trafic vers web',
  description: 'Le déploiement web, exposé par le service web, lui-même publié par l’ingress web.',
};

function drawn(diagram: RenderedDiagram | undefined): Extract<RenderedDiagram, { kind: 'svg' }> {
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
      let diagram: Extract<RenderedDiagram, { kind: 'svg' }>;
      let svg = '';
      beforeAll(async () => {
        const renderer = createDiagramRenderer({ cacheDir: false, mode: 'ssr', chromium: testChromium });
        diagram = drawn((await renderer.render([webFlow])).get(webFlow.id));
        svg = diagram.svg;
        await renderer.close();
      });

      it('is one static SVG whose labels are SVG text', () => {
        expect(svg.startsWith('<svg')).toBe(true);
        expect(svg.match(/<svg\b/g)).toHaveLength(1);
        for (const label of ['Deployment', 'Service', 'Ingress', 'Namespace', 'port']) expect(svg).toContain(label);
        expect(svg).not.toContain('<foreignObject');
      });

      it('takes every colour of the theme from a CSS custom property, so the page theme recolours it', () => {
        const styles = [...svg.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('');
        for (const role of ['text', 'node-fill', 'node-border', 'line', 'group-fill', 'group-border'] as const) {
          expect(styles).toContain(`var(${colourVariable(role)})`);
        }
        // No sentinel is left, in whichever notation mermaid wrote it.
        for (const colour of DIAGRAM_COLOURS) {
          const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(colour.sentinel.slice(i, i + 2), 16));
          expect(svg.toLowerCase()).not.toContain(colour.sentinel);
          expect(svg).not.toMatch(new RegExp(`rgba?\\(\\s*${r},\\s*${g},\\s*${b}\\b`));
        }
        expect(styles).not.toMatch(/#(?:[0-9a-f]{3}){1,2}\b(?![-\w])/i);
      });

      it('keeps only the stylesheet rules that match something in the drawing', () => {
        expect(svg).not.toContain('neo');
        expect(svg).not.toContain('katex');
        expect(svg).toContain('.node rect');
      });

      it('rounds coordinates to what a screen can show', () => {
        const geometry = [...svg.matchAll(/\s(?:d|transform|points)="([^"]*)"/g)].map((m) => m[1]).join(' ');
        expect(geometry.length).toBeGreaterThan(0);
        expect(geometry).not.toMatch(/\d\.\d{3,}/);
      });

      it('knows its drawn size and tells CSS', () => {
        expect(diagram.width).toBeGreaterThan(100);
        expect(diagram.height).toBeGreaterThan(20);
        expect(svg).toMatch(new RegExp(`^<svg [^>]*style="--ffe-natural-width: ${diagram.width}px;"`));
      });

      it('links nodes to their resource pages with real href attributes', () => {
        expect(svg).toMatch(/<a [^>]*href="\/infra\/web\/deployment\/web\/"/);
        expect(svg).toMatch(/<a [^>]*href="\/infra\/web\/service\/web\/"/);
      });

      it('keeps no script, inline event handler or javascript: URL', () => {
        expect(svg).not.toMatch(/javascript:/i);
        expect(svg).not.toMatch(/\son[a-z]+=/i);
        expect(svg).not.toContain('<script');
      });

      it('names and describes itself in French for assistive technology', () => {
        expect(svg).toContain('<title id="d-web-deployment-web-');
        expect(svg).toContain(`>${webFlow.title}</title>`);
        expect(svg).toContain('Le déploiement web, exposé par le service web, lui-même publié par l’ingress web.</desc>');
        const titleId = /<title id="([^"]+)"/.exec(svg)![1];
        expect(svg).toMatch(new RegExp(`^<svg [^>]*aria-labelledby="${titleId}"`));
        expect(svg).toMatch(/^<svg [^>]*aria-describedby="[^"]+-desc"/);
        expect(svg).toMatch(/^<svg [^>]*aria-roledescription="diagramme"/);
      });

      it('reads nothing back from the parser unless asked', () => {
        expect(diagram.graph).toBeUndefined();
      });
    });

    it('reads a hand-written flowchart’s nodes, edges and subgraphs back from mermaid’s parser', async () => {
      const renderer = createDiagramRenderer({ cacheDir: false });
      const { graph } = drawn((await renderer.render([{ ...webFlow, readGraph: true }])).get(webFlow.id));
      await renderer.close();
      expect(graph?.nodes).toEqual([
        { key: 'deploy', label: 'Deployment web', cls: 'other', group: 'ns', href: '/infra/web/deployment/web/' },
        { key: 'svc', label: 'Service web', cls: 'other', group: 'ns', href: '/infra/web/service/web/' },
        { key: 'ing', label: 'Ingress web', cls: 'other' },
      ]);
      expect(graph?.edges).toEqual([
        { from: 'deploy', to: 'svc', label: 'port 80' },
        { from: 'svc', to: 'ing' },
      ]);
      expect(graph?.groups).toEqual([{ key: 'ns', label: 'Namespace web' }]);
    });

    it('draws diagrams asked for at the same moment in one round trip', async () => {
      const renderer = createDiagramRenderer({ cacheDir: false });
      const ids = ['a', 'b', 'c'];
      // Three pictures (the same one thrice would be drawn once: shared-shape.ts).
      await Promise.all(ids.map((id) => renderer.render([{ ...webFlow, id: `web/${id}`, code: `${webFlow.code}\n  extra${id}["${id}"]` }])));
      await renderer.close();
      expect(renderer.stats).toMatchObject({ rendered: 3, batches: 1, launches: 1 });
    });

    it('gives byte-identical SVG for the same input in two separate browsers, whatever was drawn before', async () => {
      // Rounded and stadium shapes go through rough.js, whose unseeded randomness once changed bytes between builds.
      const shapes: DiagramSource = {
        id: 'web/shapes',
        code: 'flowchart TB\n  a("Volume web") --> b(["Base web"])\n  b --> c[("Données web")]',
        title: 'Formes arrondies',
        description: '',
      };
      const first = createDiagramRenderer({ cacheDir: false });
      const a = await first.render([webFlow, shapes]);
      await first.close();
      const second = createDiagramRenderer({ cacheDir: false });
      const b = await second.render([shapes]);
      const c = await second.render([webFlow]);
      await second.close();
      expect(drawn(b.get(shapes.id)).svg).toBe(drawn(a.get(shapes.id)).svg);
      expect(drawn(c.get(webFlow.id)).svg).toBe(drawn(a.get(webFlow.id)).svg);
    });

    it('renders nothing on a warm rebuild: every diagram comes from the cache', async () => {
      const dir = await cacheDir();
      const other: DiagramSource = { ...webFlow, id: 'web/service/web', title: 'Service web', code: `${webFlow.code}\n  extra["Service"]` };
      const cold = createDiagramRenderer({ cacheDir: dir });
      const coldOut = await cold.render([webFlow, other]);
      await cold.close();
      expect(cold.stats).toMatchObject({ rendered: 2, cacheHits: 0, launches: 1 });

      const warm = createDiagramRenderer({ cacheDir: dir });
      expect(await warm.prepare()).toBe('ssr');
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
      expect(drawn(out.get(webFlow.id)).svg).toContain('public');
    });

    it('reports a mermaid syntax error with the diagram id, and keeps drawing the others', async () => {
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
      expect(drawn((await renderer.render([webFlow])).get(webFlow.id)).svg).toContain('Deployment');
      await renderer.close();
    });
  },
);
