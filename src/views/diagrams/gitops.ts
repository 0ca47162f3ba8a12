// GitOps: the Flux Kustomizations in the order they apply, their sources, and what each deploys per namespace.
import { plural, resourcesOfKind, type Model } from '../../infra/index.ts';
import { slug, type DiagramEdge, type DiagramNode, type DiagramView, type Graph } from '../diagram.ts';
import { envContext, out, resourceNode } from '../context.ts';
import { fluxOrder } from '../flux.ts';
import { namespacePath, parseResourceKey } from '../paths.ts';
import { diagramView, readable, sizeText } from './shared.ts';

export function gitopsDiagram(model: Model, envName: string): DiagramView {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const order = fluxOrder(model, envName);
  const releases = resourcesOfKind(env, 'HelmRelease', ['helm.toolkit.fluxcd.io']);
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  for (const owner of [...order, ...releases]) {
    nodes.push(resourceNode(ctx, owner.key));
    for (const s of out(ctx, owner.key, 'source')) {
      nodes.push(resourceNode(ctx, s.to));
      edges.push({ from: s.to, to: owner.key, label: 'source' });
    }
    for (const d of out(ctx, owner.key, 'depends-on')) edges.push({ from: d.to, to: owner.key, label: 'puis' });
  }
  for (const ks of order) {
    const perNamespace = new Map<string, number>();
    for (const d of out(ctx, ks.key, 'deploys')) {
      const target = parseResourceKey(d.to);
      if (target.kind === 'HelmRelease' || target.kind === 'Kustomization') {
        nodes.push(resourceNode(ctx, d.to));
        edges.push({ from: ks.key, to: d.to, label: 'déploie' });
        continue;
      }
      const ns = target.namespace ?? '_cluster';
      perNamespace.set(ns, (perNamespace.get(ns) ?? 0) + 1);
    }
    for (const [ns, count] of perNamespace) {
      const key = `deployed:${ns}`;
      nodes.push({
        key,
        label: ns === '_cluster' ? 'Ressources de cluster' : `Espace de noms ${ns}`,
        cls: 'other',
        shape: 'stadium',
        href: namespacePath(env.name, ns === '_cluster' ? undefined : ns),
      });
      edges.push({ from: ks.key, to: key, label: plural(count, 'ressource') });
    }
  }
  const full: Graph = { nodes, edges, groups: [] };
  const { graph } = readable(full, []);
  const names = order.map((r) => r.id.name);
  const description =
    `Déploiement GitOps de l’environnement ${env.name} : ${plural(order.length, 'Kustomization Flux', 'Kustomizations Flux')}` +
    (names.length > 0 ? ` appliquées dans l’ordre ${names.join(', puis ')}` : '') +
    `, ${plural(releases.length, 'release Helm', 'releases Helm')}, et ce que chacune déploie par espace de noms ; ${sizeText(graph)}.`;
  return diagramView(`gitops-${slug(env.name)}`, graph, `GitOps : ce que Flux déploie dans l’environnement ${env.name}`, description);
}
