// Which flow end may reach which, as a matrix: rows are sources, columns destinations, each cell its ports and the
// policies that allow it.
import type { Model } from '../../infra/index.ts';
import { envContext, uniqueSorted } from '../context.ts';
import { resourceLink, type ResourceLink } from '../links.ts';
import { flowEndLabel, isolatedNamespaces, networkFlows } from '../network.ts';
import { namespacePath } from '../paths.ts';

export interface NetworkCell {
  to: string;
  toLabel: string;
  allowed: boolean;
  /** Ports allowed by an ingress rule of the destination. */
  ingress: string[];
  /** Ports allowed by an egress rule of the source. */
  egress: string[];
  text: string;
  policies: ResourceLink[];
}

export interface NetworkMatrix {
  /** Flow ends, in column order: namespaces, then Internet, address ranges and « Partout ». */
  ends: { key: string; label: string; href?: string; isolated: boolean }[];
  rows: { from: string; fromLabel: string; cells: NetworkCell[] }[];
}

export function networkMatrix(model: Model, envName: string): NetworkMatrix {
  const ctx = envContext(model, envName);
  const flows = networkFlows(ctx);
  const isolated = new Set(isolatedNamespaces(ctx));
  const special = uniqueSorted(flows.flatMap((f) => [f.from, f.to]).filter((e) => !e.startsWith('ns:')));
  const keys = [...ctx.env.namespaces.map((ns) => `ns:${ns}`), ...special];
  const ends = keys.map((key) => ({
    key,
    label: flowEndLabel(key),
    ...(key.startsWith('ns:') ? { href: namespacePath(ctx.env.name, key.slice(3)) } : {}),
    isolated: key.startsWith('ns:') && isolated.has(key.slice(3)),
  }));
  const rows = keys.map((from) => ({
    from,
    fromLabel: flowEndLabel(from),
    cells: keys.map((to) => {
      const matching = flows.filter((f) => f.from === from && f.to === to);
      const ingress = uniqueSorted(matching.filter((f) => f.direction === 'ingress').flatMap((f) => f.ports));
      const egress = uniqueSorted(matching.filter((f) => f.direction === 'egress').flatMap((f) => f.ports));
      const parts = [...(ingress.length ? [`entrée : ${ingress.join(', ')}`] : []), ...(egress.length ? [`sortie : ${egress.join(', ')}`] : [])];
      return {
        to,
        toLabel: flowEndLabel(to),
        allowed: matching.length > 0,
        ingress,
        egress,
        text: parts.join(' ; ') || '—',
        policies: uniqueSorted(matching.flatMap((f) => f.policies)).map((k) => resourceLink(ctx, k)),
      };
    }),
  }));
  return { ends, rows };
}
