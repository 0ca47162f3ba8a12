// The path of a request to one public host, top to bottom: host, route (with who signs its certificate), Service,
// the applications behind it and their data.
import { endpointsOf, plural, publicHosts, type Model } from '../../infra/index.ts';
import { normalizeGraph, slug, stableHash, type DiagramEdge, type DiagramNode, type DiagramView } from '../diagram.ts';
import { envContext, out, resourceNode, uniqueSorted } from '../context.ts';
import { parseResourceKey } from '../paths.ts';
import { diagramView, endpointWorkloads, resourceLabel, sizeText } from './shared.ts';

export function requestPathDiagram(model: Model, envName: string, host: string): DiagramView {
  const ctx = envContext(model, envName);
  const endpoints = endpointsOf(ctx.env).filter((e) => e.host === host);
  const hostNode: DiagramNode = { key: `host:${host}`, label: host, cls: 'external', shape: 'stadium' };
  const nodes: DiagramNode[] = [hostNode];
  const edges: DiagramEdge[] = [];
  const node = (key: string, detail?: string): DiagramNode => {
    const id = parseResourceKey(key);
    return { ...resourceNode(ctx, key), label: resourceLabel(id, id.name), ...(detail ? { detail } : {}) };
  };
  for (const e of endpoints) {
    const tls = endpoints.find((o) => o.route === e.route && o.tls);
    // « ClusterIssuer letsencrypt-production » → « certificat letsencrypt-production »: the kind is on the route page.
    nodes.push(node(e.route, tls?.issuer ? `certificat ${tls.issuer.replace(/^\S+ /, '')}` : undefined));
    edges.push({ from: hostNode.key, to: e.route, label: tls ? 'HTTPS' : 'HTTP', meaning: `est routé, en ${tls ? 'HTTPS' : 'HTTP'}, par` });
    if (!e.service) continue;
    nodes.push(node(e.service));
    edges.push({
      from: e.route,
      to: e.service,
      label: e.port ? `${e.path} → port ${e.port}` : e.path,
      meaning: `envoie les requêtes du chemin ${e.path}${e.port ? `, sur le port ${e.port},` : ''} vers`,
    });
    for (const w of endpointWorkloads(ctx, e)) {
      nodes.push(node(w));
      edges.push({ from: e.service, to: w, meaning: 'répartit les requêtes entre les pods de' });
      for (const r of [...out(ctx, w, 'uses-pvc'), ...out(ctx, w, 'uses-database')]) {
        nodes.push({ ...node(r.to), shape: 'cylinder' });
        edges.push({ from: w, to: r.to, meaning: r.type === 'uses-pvc' ? 'monte' : 'utilise' });
      }
    }
  }
  const graph = normalizeGraph({ nodes, edges, groups: [], direction: 'TB', layout: 'dagre' });
  const services = uniqueSorted(endpoints.map((e) => e.service ?? '').filter(Boolean)).length;
  const description =
    `Chemin d’une requête vers ${host} dans l’environnement ${ctx.env.name} : ` +
    `${plural(new Set(endpoints.map((e) => e.route)).size, 'route')}, ${plural(services, 'service')}, puis les applications et leurs données ; ${sizeText(graph)}.`;
  return diagramView(`request-${slug(ctx.env.name)}-${slug(host)}`, graph, `Chemin des requêtes vers ${host} (${ctx.env.name})`, description);
}

/** One request path per public host of an environment, with ids unique within the environment, and its host. */
export function requestPathDiagrams(model: Model, envName: string): (DiagramView & { host: string })[] {
  const env = envContext(model, envName).env;
  const seen = new Set<string>();
  return publicHosts(env).map((host) => {
    const diagram = requestPathDiagram(model, envName, host);
    // `a.b` and `a-b` share a slug: the second one gets a hash so ids stay unique.
    const id = seen.has(diagram.id) ? `${diagram.id}-${stableHash(host)}` : diagram.id;
    seen.add(id);
    return { ...diagram, id, host };
  });
}
