// The public hosts of an environment and what answers behind each, as lists and as the hosts of one workload.
import { compareText, endpointsOf, kindLabel, type Model } from '../../infra/index.ts';
import { envContext, out } from '../context.ts';
import { resourceLink, type ResourceLink } from '../links.ts';
import { PUBLISHED_KINDS } from '../refs.ts';
import { ProseError, resolveResource } from './resolve.ts';

export interface PublicHost {
  host: string;
  /** `https://host/` (or http when the route has no TLS). */
  url: string;
  tls: boolean;
  /** What answers: the workloads behind the host's Services. */
  workloads: ResourceLink[];
  route: ResourceLink;
}

/** Every public host of an environment, once each, with what answers behind it. */
export function publicHostList(model: Model, envName: string): PublicHost[] {
  const ctx = envContext(model, envName);
  const byHost = new Map<string, PublicHost>();
  for (const e of endpointsOf(ctx.env)) {
    if (e.host === '*') continue;
    const entry = byHost.get(e.host) ?? { host: e.host, url: `${e.tls ? 'https' : 'http'}://${e.host}/`, tls: e.tls, workloads: [], route: resourceLink(ctx, e.route) };
    const workloads = e.service ? out(ctx, e.service, 'selects').map((r) => r.to) : [];
    const known = new Set(entry.workloads.map((w) => w.key));
    for (const w of workloads) if (!known.has(w)) entry.workloads.push(resourceLink(ctx, w));
    byHost.set(e.host, entry);
  }
  return [...byHost.values()].sort((a, b) => compareText(a.host, b.host));
}

/** The public hosts that reach a workload (through a route and its Service). */
export function hostsOf(model: Model, query: { kind?: string; namespace?: string; name: string; env?: string }): PublicHost[] {
  const element = `<HostOf namespace="${query.namespace ?? ''}" name="${query.name}" />`;
  const kinds = query.kind ? [query.kind] : PUBLISHED_KINDS;
  const resource = resolveResource(element, model, { ...query, kinds });
  const hosts = publicHostList(model, resource.id.env).filter((h) => h.workloads.some((w) => w.key === resource.key));
  if (hosts.length === 0) throw new ProseError(element, `${kindLabel(resource.id)} ${resource.id.name} n’est publié sur aucun nom d’hôte en ${resource.id.env}`, 'Citez une charge de travail qu’une route (Ingress, IngressRoute, HTTPRoute…) atteint par un Service, ou retirez la citation.');
  return hosts;
}
