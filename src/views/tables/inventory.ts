// Every resource of an environment (or one namespace), one row each, with its findings count.
import { kindLabel, type Model } from '../../infra/index.ts';
import { applicationOf, envContext, findingsOf } from '../context.ts';
import { sourceLink, type SourceLink } from '../links.ts';
import { resourcePath } from '../paths.ts';

export interface InventoryRow {
  key: string;
  kind: string;
  kindLabel: string;
  group: string;
  apiVersion: string;
  namespace?: string;
  name: string;
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
      kind: r.id.kind,
      kindLabel: kindLabel(r.id),
      group: r.id.group,
      apiVersion: r.apiVersion,
      ...(r.id.namespace ? { namespace: r.id.namespace } : {}),
      name: r.id.name,
      ...(applicationOf(r) ? { application: applicationOf(r) } : {}),
      href: resourcePath(r),
      source: sourceLink(r.source),
      findings: findingsOf(model, r.key).length,
    }));
}
