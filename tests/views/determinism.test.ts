import { describe, expect, it } from 'vitest';
import { flowchartOf } from '../../src/render/flowchart.ts';
import { environmentDiagrams } from '../../src/views/diagrams/environment.ts';
import { neighbourhoodDiagram, resourceView } from '../../src/views/resource.ts';
import { componentRows } from '../../src/views/tables/components.ts';
import { endpointRows } from '../../src/views/tables/endpoints.ts';
import { imageRows } from '../../src/views/tables/images.ts';
import { networkMatrix } from '../../src/views/tables/network-matrix.ts';
import { scheduleRows } from '../../src/views/tables/schedules.ts';
import { storageRows } from '../../src/views/tables/storage.ts';
import { shopModel, shuffledShopModel } from './helpers.ts';

function allDiagramText(model: ReturnType<typeof shopModel>): string {
  return model.environments.flatMap((env) => environmentDiagrams(model, env.name)).map((d) => `${d.id}\n${d.title}\n${d.description}\n${flowchartOf(d.graph)}`).join('\n');
}

/** Table content without source lines, which legitimately move when documents are reordered. */
function tablesWithoutLines(model: ReturnType<typeof shopModel>): string {
  const tables = model.environments.map((env) => ({
    images: imageRows(model, env.name),
    endpoints: endpointRows(model, env.name),
    storage: storageRows(model, env.name),
    schedules: scheduleRows(model, env.name),
    network: networkMatrix(model, env.name),
    components: componentRows(model, env.name),
  }));
  return JSON.stringify(tables, (key, value) => (key === 'source' || key === 'sources' ? undefined : value));
}

describe('views are deterministic', () => {
  it('give byte-identical diagrams when built twice', () => {
    expect(allDiagramText(shopModel())).toBe(allDiagramText(shopModel()));
  });

  it('give byte-identical diagrams and tables from the same manifests in another order', () => {
    const reference = shopModel();
    for (const seed of [1, 7, 42]) {
      const shuffled = shuffledShopModel(seed);
      expect(allDiagramText(shuffled)).toBe(allDiagramText(reference));
      expect(tablesWithoutLines(shuffled)).toBe(tablesWithoutLines(reference));
    }
  });

  it('give the same resource page from shuffled input, the neighbourhood diagram included', () => {
    const key = 'production/apps/Deployment/shop/web';
    const a = resourceView(shopModel(), key);
    const b = resourceView(shuffledShopModel(3), key);
    expect(flowchartOf(b.diagram.graph)).toBe(flowchartOf(a.diagram.graph));
    expect(b.outgoing).toEqual(a.outgoing);
    expect(b.incoming).toEqual(a.incoming);
  });

  it('name nodes after the graph, not the environment: a neighbourhood alike in production and staging differs only by its links', () => {
    const model = shopModel();
    const text = (env: string) => flowchartOf(neighbourhoodDiagram(model, `${env}/networking.k8s.io/Ingress/shop/web`).graph);
    expect(text('production')).toContain('href "/infra/production/');
    expect(text('staging').replaceAll('/infra/staging/', '/infra/production/')).toBe(text('production'));
    expect(text('production')).toBe(text('production'));
  });
});
