// Every resource of an environment (or one namespace), one row each, with its findings count.
import type { Model } from '../../infra/index.ts';
import { applicationOf, envContext, findingsOf, identityOf, type ResourceIdentity } from '../context.ts';
import { sourceLink, type SourceLink } from '../links.ts';
import { resourcePath } from '../paths.ts';

export interface InventoryRow extends ResourceIdentity {
  key: string;
  application?: string;
  href: string;
  source: SourceLink;
  findings: number;
}

export function inventoryRows(model: Model, envName: string, namespace?: string): InventoryRow[] {
  const ctx = envContext(model, envName);
  return ctx.env.resources
    .filter((r) => namespace === undefined || r.id.namespace === namespace)
    .map((r) => ({
      key: r.key,
      ...identityOf(r),
      ...(applicationOf(r) ? { application: applicationOf(r) } : {}),
      href: resourcePath(r),
      source: sourceLink(r.source),
      findings: findingsOf(model, r.key).length,
    }));
}
