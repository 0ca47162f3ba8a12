// The Helm chart and version a resource installs, quoted in prose.
import type { Model } from '../../infra/index.ts';
import { envContext } from '../context.ts';
import { resourceLink, type ResourceLink } from '../links.ts';
import { CHART_KINDS } from '../refs.ts';
import { ProseError, resolveResource } from './resolve.ts';


export interface ChartVersion {
  chart: string;
  /** Absent when the chart comes with the cluster (k3s' Traefik). */
  version?: string;
  resource: ResourceLink;
}

export function chartVersion(model: Model, query: { namespace?: string; name: string; env?: string }): ChartVersion {
  const element = `<ChartVersion namespace="${query.namespace ?? ''}" name="${query.name}" />`;
  const resource = resolveResource(element, model, { ...query, kinds: CHART_KINDS });
  const component = model.components.find((c) => c.resource === resource.key);
  if (!component) throw new ProseError(element, `${resource.id.kind} ${resource.id.name} n’installe aucun chart connu`, `Citez la ressource qui installe le chart (${CHART_KINDS.join(', ')}), ou donnez-lui son chart.`);
  return {
    chart: component.chart,
    ...(component.version ? { version: component.version } : {}),
    resource: resourceLink(envContext(model, resource.id.env), resource.key),
  };
}
