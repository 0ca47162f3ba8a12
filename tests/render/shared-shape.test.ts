// A resource's neighbourhood alike in production and staging is drawn once (src/render/shared-shape.ts): the page
// gets the same bytes as if its diagram had been drawn alone — its own ids, links, tooltips, title and description,
// escaped as the browser writes them — and the build draws fewer diagrams.
import { describe, expect, it } from 'vitest';
import { diagramSourceOf } from '../../src/render/flowchart.ts';
import { createDiagramRenderer, type DiagramSource, type RenderStats, type RenderedDiagram } from '../../src/render/mermaid.ts';
import { shapeOf } from '../../src/render/shared-shape.ts';
import { neighbourhoodDiagram } from '../../src/views/resource.ts';
import { shopModel } from '../views/helpers.ts';
import { chromiumSkipReason, testChromium } from './chromium-guard.ts';

const model = shopModel();
const RESOURCES = ['networking.k8s.io/Ingress/shop/web', 'batch/CronJob/shop/cleanup', 'apps/Deployment/shop/web', 'core/Secret/shop/api-token'];
const diagrams: DiagramSource[] = ['production', 'staging'].flatMap((env) => RESOURCES.map((r) => diagramSourceOf(neighbourhoodDiagram(model, `${env}/${r}`))));
// Names that HTML serialisation escapes, in the title and the description.
diagrams.push({ ...diagrams[0]!, id: 'ingress-escaped', title: 'Voisinage : « web » & <ses> voisins', description: 'Trois\u00a0voisins & un <cadre>.' });

describe('diagrams that differ only by their links and names', () => {
  it('share one shape, and a diagram with another layout does not', () => {
    const [ingressProduction, , deploymentProduction] = diagrams;
    const ingressStaging = diagrams[RESOURCES.length]!;
    const deploymentStaging = diagrams[RESOURCES.length + 2]!;
    expect(ingressStaging.code).not.toBe(ingressProduction!.code);
    expect(shapeOf(ingressStaging).source).toEqual(shapeOf(ingressProduction!).source);
    // Staging's Deployment has no autoscaler: another picture.
    expect(shapeOf(deploymentStaging).source.code).not.toBe(shapeOf(deploymentProduction!).source.code);
    expect(shapeOf({ ...ingressProduction!, readGraph: true }).source).toEqual({ ...ingressProduction!, readGraph: true });
  });

  it.skipIf(chromiumSkipReason !== undefined)('are drawn once, each with the bytes it would have alone', { timeout: 120_000 }, async () => {
    const draw = async (shareShapes: boolean): Promise<{ drawn: Map<string, RenderedDiagram>; stats: RenderStats }> => {
      const renderer = createDiagramRenderer({ cacheDir: false, shareShapes, mode: 'ssr', chromium: testChromium });
      try {
        return { drawn: await renderer.render(diagrams), stats: renderer.stats };
      } finally {
        await renderer.close();
      }
    };
    const alone = await draw(false);
    const shared = await draw(true);
    expect(alone.stats.rendered).toBe(diagrams.length);
    expect(shared.stats.rendered).toBeLessThan(diagrams.length);
    for (const diagram of diagrams) {
      const a = alone.drawn.get(diagram.id);
      expect(a?.kind, diagram.id).toBe('svg');
      expect(shared.drawn.get(diagram.id), diagram.id).toEqual(a);
    }
    const escaped = shared.drawn.get('ingress-escaped');
    expect(escaped?.kind === 'svg' && escaped.svg).toContain('>Voisinage : « web » &amp; &lt;ses&gt; voisins</title>');
  });
});
