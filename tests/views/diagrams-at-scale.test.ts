// Diagrams of a repository of home-ops' shape (scripts/lib/home-ops.ts): 80 applications, then 400, each a Flux
// Kustomization applying a Helm release and what it needs. Each view draws every detail first, then offers coarser
// drawings — per namespace, per dependsOn step, per kind — that the page falls back to when a drawing is over its
// budget (src/render/fit.ts measures that on the drawing). What is checked here is what a reader relies on at each
// level: what a node stands for, where it leads, that rows fit the column, and that nothing is lost from the text.
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { homeOpsRepository } from '../../scripts/lib/home-ops.ts';
import { modelFromYaml, type Model } from '../../src/infra/index.ts';
import { textVersion } from '../../src/render/text-version.ts';
import { toHtml } from 'hast-util-to-html';
import type { DiagramView, Graph } from '../../src/views/diagram.ts';
import { dataDiagram } from '../../src/views/diagrams/data.ts';
import { gitopsDiagram } from '../../src/views/diagrams/gitops.ts';
import { perRow, ROW_WIDTH } from '../../src/views/diagrams/grid.ts';
import { namespaceDiagram } from '../../src/views/diagrams/namespace.ts';
import { overviewDiagram } from '../../src/views/diagrams/overview.ts';
import { readGraph } from './helpers.ts';

/**
 * The repository as Flux leaves it in the cluster: each object of an application's folder labelled with the
 * Kustomization that applied it (what the views read as « deploys »), without running kustomize.
 */
function homeOpsModel(applications: number): Model {
  const files = homeOpsRepository({ applications }).filter((f) => !f.path.endsWith('/kustomization.yaml'));
  const text = files.flatMap((file) => {
    const app = /^kubernetes\/apps\/([^/]+)\/([^/]+)\/app\//.exec(file.path);
    return parseAllDocuments(file.text).map((doc) => {
      const object = doc.toJS() as { metadata: { labels?: Record<string, string> } };
      if (app) object.metadata.labels = { ...object.metadata.labels, 'kustomize.toolkit.fluxcd.io/name': app[2], 'kustomize.toolkit.fluxcd.io/namespace': app[1] };
      return JSON.stringify(object);
    });
  });
  return modelFromYaml([{ env: 'cluster', path: 'kubernetes/all.yaml', text: text.join('\n---\n') }], { checks: [] });
}

const model = homeOpsModel(80);
const big = homeOpsModel(400);

const level = (view: DiagramView, suffix: string): DiagramView => {
  const found = view.coarser?.find((l) => l.id === `${view.id}--${suffix}`);
  if (!found) throw new Error(`${view.id} n’a pas de niveau « ${suffix} » (${view.coarser?.map((l) => l.id).join(', ')})`);
  return found;
};

/** Every frame's rows: chains of layout hints, none longer than what fits the column by the views' own estimate. */
function rowsOf(graph: Graph): string[][] {
  const next = new Map(graph.edges.filter((e) => e.invisible).map((e) => [e.from, e.to]));
  const starts = graph.nodes.filter((n) => !graph.edges.some((e) => e.invisible && e.to === n.key));
  return starts.map((start) => {
    const row = [start.key];
    for (let k = next.get(start.key); k; k = next.get(k)) row.push(k);
    return row;
  });
}

const allLevels = (view: DiagramView): DiagramView[] => [view, ...(view.coarser ?? [])];

describe('the views of a repository of 80 applications', () => {
  const views = [overviewDiagram(model, 'cluster'), gitopsDiagram(model, 'cluster'), dataDiagram(model, 'cluster'), namespaceDiagram(model, 'cluster', 'media')];

  it('keep every detail in the view itself, for the text version and the full-size file', () => {
    const gitops = views[1];
    const text = toHtml(textVersion(gitops.graph));
    for (let i = 0; i < 80; i++) expect(text).toContain(`app-${String(i).padStart(4, '0')}`);
    expect(gitops.coarser?.length).toBeGreaterThan(0);
  });

  it('never write « 1 éléments » or another plural after one', () => {
    const texts = views.flatMap(allLevels).flatMap((l) => l.graph.nodes.flatMap((n) => [n.label, n.detail ?? '']));
    expect(texts.filter((t) => /(^|\D)1\u00a0\S+s\b/.test(t) && !/1\u00a0(ressources|sauvegardes) /.test(t))).toEqual([]);
    expect(texts.join('\n')).not.toMatch(/\b1 éléments/);
  });

  it('lay out many peers in rows that fit the column, at every coarser level', () => {
    for (const view of views) {
      for (const l of view.coarser ?? []) {
        for (const row of rowsOf(l.graph)) {
          const nodes = row.map((k) => l.graph.nodes.find((n) => n.key === k)!);
          expect(row.length, `${l.id} : ${row.join(', ')}`).toBeLessThanOrEqual(perRow(nodes, ROW_WIDTH));
        }
      }
    }
  });

  it('sum the overview up per namespace, each node leading to its namespace’s page, then per frame', () => {
    const overview = views[0];
    // Each app-template release is an application (its workload, read from its values), none an operator.
    expect(readGraph(overview).members('Opérateurs (charts Helm)')).toHaveLength(0);
    expect(readGraph(overview).members('Applications')).toContain('media · app-0003 app-0003.example.org');
    const perNamespace = readGraph(level(overview, 'espaces-de-noms-charts'));
    expect(perNamespace.members('Applications')).toContain('media 7 applications 6 volumes ou bases');
    expect(perNamespace.nodes.get('media 7 applications 6 volumes ou bases')?.href).toBe('/infra/cluster/media/');
    const summary = readGraph(level(overview, 'resume'));
    expect([...summary.nodes.keys()]).toEqual(expect.arrayContaining(['80 applications dans 12 espaces de noms']));
    expect([...summary.nodes.keys()].filter((k) => k.includes('chart'))).toEqual([]);
  });

  it('draw the GitOps chain one dependsOn step per frame, top to bottom, each Kustomization leading to its page', () => {
    const steps = level(views[1], 'etapes');
    const { members, edge, frames } = readGraph(steps);
    expect(frames).toEqual(['Étape 1', 'Étape 2']);
    expect(edge('Étape 1', 'Étape 2')?.meaning).toBe('doit être prête avant que Flux applique');
    // The applications others wait for come first; every one of them is in the first step.
    expect(members('Étape 1').map((m) => m.split(' ')[0]).sort()).toEqual(['app-0000', 'app-0001', 'app-0002', 'cluster-apps']);
    const node = steps.graph.nodes.find((n) => n.label === 'app-0042')!;
    expect(node.href).toBe('/infra/cluster/network/kustomization/app-0042/');
    expect(node.detail).toContain('1\u00a0chart');
    const perNamespace = readGraph(level(views[1], 'espaces-de-noms'));
    expect(perNamespace.members('Étape 2')).toContain('media 4 Kustomizations');
  });

  it('sum data up per namespace, then a big namespace per group of linked resources and per kind', () => {
    const data = readGraph(level(views[2], 'espaces-de-noms'));
    expect(data.nodes.get('media 6 volumes 6 autres éléments')?.href).toBe('/infra/cluster/media/');
    // Each application's release, its deduced workload, Service, route and claims are one group of linked resources.
    const parts = readGraph(level(views[3], 'resume'));
    const groups = [...parts.nodes.values()].filter((n) => n.label.startsWith('Application '));
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) expect(group.href).toBe('/infra/cluster/media/');
    expect(readGraph(level(views[3], 'types')).nodes.get('Release Helm 7 ressources')?.href).toBe('/infra/cluster/media/#ressources');
  });
});

describe('the views of a repository of 400 applications', () => {
  it('still have a coarsest drawing of a few nodes', () => {
    const overview = overviewDiagram(big, 'cluster');
    expect(level(overview, 'resume').graph.nodes.length).toBeLessThanOrEqual(4);
    const gitops = gitopsDiagram(big, 'cluster');
    expect(level(gitops, 'resume').graph.nodes).toHaveLength(2);
    expect([...readGraph(level(gitops, 'resume')).nodes.keys()]).toEqual(['4 Kustomizations', '397 Kustomizations']);
    const perNamespace = level(gitops, 'espaces-de-noms').graph.nodes.length;
    expect(perNamespace).toBeLessThan(2 * big.environments[0].namespaces.length);
  });
});
