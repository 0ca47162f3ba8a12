// The certificate issuers of an environment and the public hosts whose certificates each one issues.
import { CERT_MANAGER, endpointsOf, issuerOf, resourcesOfKind, type Model } from '../../infra/index.ts';
import { envContext, uniqueSorted } from '../context.ts';
import { resourceLink, type ResourceLink } from '../links.ts';

export interface IssuerRow {
  resource: ResourceLink;
  name: string;
  kind: string;
  /** ACME directory, if it is an ACME issuer. */
  server?: string;
  /** Let’s Encrypt’s test directory: certificates browsers do not trust. */
  test: boolean;
  /** Public hosts whose certificate it issues. */
  hosts: string[];
}

const ACME_TEST = /staging/i;

export function issuerRows(model: Model, envName: string): IssuerRow[] {
  const ctx = envContext(model, envName);
  const issuers = [...resourcesOfKind(ctx.env, 'ClusterIssuer', [CERT_MANAGER]), ...resourcesOfKind(ctx.env, 'Issuer', [CERT_MANAGER])];
  const endpoints = endpointsOf(ctx.env);
  return issuers.map((issuer) => {
    const server = issuerOf(issuer.object).acmeServer;
    return {
      resource: resourceLink(ctx, issuer.key),
      name: issuer.id.name,
      kind: issuer.id.kind,
      ...(server ? { server } : {}),
      test: server !== undefined && ACME_TEST.test(server),
      hosts: uniqueSorted(endpoints.filter((e) => e.issuerKey === issuer.key && e.host !== '*').map((e) => e.host)),
    };
  });
}
