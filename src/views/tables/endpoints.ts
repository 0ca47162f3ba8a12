// The public endpoints of an environment: host and path, the route and Service behind them, TLS and its issuer.
import { endpointsOf, type Model } from '../../infra/index.ts';
import { envContext } from '../context.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from '../links.ts';

export interface EndpointRow {
  host: string;
  path: string;
  url: string;
  route: ResourceLink;
  service?: ResourceLink;
  port?: string;
  tls: boolean;
  issuer?: string;
  issuerLink?: ResourceLink;
  source: SourceLink;
}

export function endpointRows(model: Model, envName: string): EndpointRow[] {
  const ctx = envContext(model, envName);
  return endpointsOf(ctx.env).map((e) => {
    const route = ctx.env.byKey.get(e.route)!;
    const scheme = e.tls ? 'https' : 'http';
    return {
      host: e.host,
      path: e.path,
      // Only an HTTP route on a named host gives a page to open; a TCP or gRPC route publishes no browsable address.
      url: e.host === '*' || e.protocol !== 'http' ? '' : `${scheme}://${e.host}${e.path.startsWith('/') ? e.path : `/${e.path}`}`,
      route: resourceLink(ctx, e.route),
      ...(e.service ? { service: resourceLink(ctx, e.service) } : {}),
      ...(e.port ? { port: e.port } : {}),
      tls: e.tls,
      ...(e.issuer ? { issuer: e.issuer } : {}),
      ...(e.issuerKey ? { issuerLink: resourceLink(ctx, e.issuerKey) } : {}),
      source: sourceLink(route.source),
    };
  });
}
