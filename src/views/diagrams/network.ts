// Network flows the NetworkPolicies allow between namespaces, Internet and address ranges, one edge per pair.
import { plural, type Model } from '../../infra/index.ts';
import { normalizeGraph, slug, type DiagramEdge, type DiagramNode, type DiagramView } from '../diagram.ts';
import { envContext, uniqueSorted } from '../context.ts';
import { flowEndLabel, isolatedNamespaces, networkFlows } from '../network.ts';
import { namespacePath } from '../paths.ts';
import { diagramView } from './shared.ts';

export function networkDiagram(model: Model, envName: string): DiagramView {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const flows = networkFlows(ctx);
  const isolated = new Set(isolatedNamespaces(ctx));
  const nodes: DiagramNode[] = [];
  const endNode = (end: string): DiagramNode => {
    if (end.startsWith('ns:')) {
      const ns = end.slice(3);
      return {
        key: end,
        label: `Espace de noms ${ns}${isolated.has(ns) ? '' : ' (sans règle)'}`,
        cls: isolated.has(ns) ? 'policy' : 'other',
        href: namespacePath(env.name, ns),
      };
    }
    return { key: end, label: flowEndLabel(end), cls: 'external', shape: 'circle' };
  };
  const merged = new Map<string, Set<string>>();
  for (const flow of flows) {
    nodes.push(endNode(flow.from), endNode(flow.to));
    const id = `${flow.from}\u0000${flow.to}`;
    const ports = merged.get(id) ?? new Set<string>();
    for (const p of flow.ports) ports.add(p);
    merged.set(id, ports);
  }
  const edges: DiagramEdge[] = [...merged].map(([id, ports]) => {
    const [from, to] = id.split('\u0000');
    const list = uniqueSorted(ports);
    return { from, to, label: list.includes('tous') ? 'tous ports' : list.length > 3 ? `${list.slice(0, 3).join(', ')} +${list.length - 3}` : list.join(', ') };
  });
  const graph = normalizeGraph({ nodes, edges, groups: [] });
  const description =
    `Flux réseau autorisés par les NetworkPolicies de l’environnement ${env.name} : ${plural(isolated.size, 'espace de noms isolé', 'espaces de noms isolés')}, ` +
    `${plural(edges.length, 'flux autorisé', 'flux autorisés')} entre espaces de noms, Internet ou des plages d’adresses.`;
  return diagramView(`network-${slug(env.name)}`, graph, `Flux réseau autorisés (${env.name})`, description);
}
