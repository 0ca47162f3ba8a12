// The path of a request to one public host: route, Service, the applications behind it and their data.
import { endpointsOf, plural, publicHosts, type Model } from '../../infra/index.ts';
import { normalizeGraph, slug, stableHash, type DiagramEdge, type DiagramNode, type DiagramView } from '../diagram.ts';
import { envContext, out, resourceNode, uniqueSorted } from '../context.ts';
import { diagramView, endpointWorkloads, sizeText } from './shared.ts';

export function requestPathDiagram(model: Model, envName: string, host: string): DiagramView {
  const ctx = envContext(model, envName);
  const endpoints = endpointsOf(ctx.env).filter((e) => e.host === host);
  const hostNode: DiagramNode = { key: `host:${host}`, label: host, cls: 'external', shape: 'stadium' };
  const nodes: DiagramNode[] = [hostNode];
  const edges: DiagramEdge[] = [];
  const pathsByRoute = new Map<string, Set<string>>();
  for (const e of endpoints) {
    nodes.push(resourceNode(ctx, e.route));
    pathsByRoute.set(e.route, (pathsByRoute.get(e.route) ?? new Set()).add(e.path));
    if (!e.service) continue;
    nodes.push(resourceNode(ctx, e.service));
    edges.push({ from: e.route, to: e.service, label: e.port ? `${e.path} → port ${e.port}` : e.path });
    for (const w of endpointWorkloads(ctx, e)) {
      nodes.push(resourceNode(ctx, w));
      edges.push({ from: e.service, to: w });
      for (const r of [...out(ctx, w, 'uses-pvc'), ...out(ctx, w, 'uses-database')]) {
        nodes.push(resourceNode(ctx, r.to));
        edges.push({ from: w, to: r.to, label: r.type === 'uses-pvc' ? 'volume' : 'base' });
      }
    }
  }
  for (const [route, paths] of pathsByRoute) {
    const tls = endpoints.find((e) => e.route === route && e.tls);
    edges.push({ from: hostNode.key, to: route, label: tls ? `HTTPS${tls.issuer ? ` (${tls.issuer})` : ''}` : 'HTTP' });
    void paths;
  }
  const graph = normalizeGraph({ nodes, edges, groups: [] });
  const services = uniqueSorted(endpoints.map((e) => e.service ?? '').filter(Boolean)).length;
  const description =
    `Chemin d’une requête vers ${host} dans l’environnement ${ctx.env.name} : ` +
    `${plural(new Set(endpoints.map((e) => e.route)).size, 'route')}, ${plural(services, 'service')}, puis les applications et leurs données ; ${sizeText(graph)}.`;
  return diagramView(`request-${slug(ctx.env.name)}-${slug(host)}`, graph, `Chemin des requêtes vers ${host} (${ctx.env.name})`, description);
}

/** One request path per public host of an environment, with ids unique within the environment. */
export function requestPathDiagrams(model: Model, envName: string): DiagramView[] {
  const env = envContext(model, envName).env;
  const seen = new Set<string>();
  return publicHosts(env).map((host) => {
    const diagram = requestPathDiagram(model, envName, host);
    // `a.b` and `a-b` share a slug: the second one gets a hash so ids stay unique.
    const id = seen.has(diagram.id) ? `${diagram.id}-${stableHash(host)}` : diagram.id;
    seen.add(id);
    return { ...diagram, id };
  });
}
