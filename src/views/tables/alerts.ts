// The alerts PrometheusRules declare, as the monitoring pages list them.
import { alertsOf, resourcesOfKind, type Model } from '../../infra/index.ts';
import { envContext } from '../context.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from '../links.ts';

export interface AlertRow {
  alert: string;
  severity?: string;
  /** How long the condition must hold (`5m`). */
  for?: string;
  summary?: string;
  group: string;
  rule: ResourceLink;
  source: SourceLink;
}

/** Alerts declared by PrometheusRules, in the order they are written. */
export function alertRows(model: Model, envName: string): AlertRow[] {
  const ctx = envContext(model, envName);
  return resourcesOfKind(ctx.env, 'PrometheusRule', ['monitoring.coreos.com']).flatMap((rule) =>
    alertsOf(rule.object).map(({ name, ...alert }) => ({
      alert: name,
      ...alert,
      rule: resourceLink(ctx, rule.key),
      source: sourceLink(rule.source),
    })),
  );
}
