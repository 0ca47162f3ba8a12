// The alerts PrometheusRules declare, as the monitoring pages list them.
import type { Model } from '../../infra/model.ts';
import { asRecord, asRecords, asString, specOf } from '../../infra/fields.ts';
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
  return (ctx.env.byKind.get('PrometheusRule') ?? []).flatMap((rule) =>
    asRecords(specOf(rule).groups).flatMap((group) =>
      asRecords(group.rules)
        .filter((r) => asString(r.alert))
        .map((r) => ({
          alert: asString(r.alert)!,
          ...(asString(asRecord(r.labels)?.severity) ? { severity: asString(asRecord(r.labels)?.severity) } : {}),
          ...(asString(r.for) ? { for: asString(r.for) } : {}),
          ...(asString(asRecord(r.annotations)?.summary) ? { summary: asString(asRecord(r.annotations)?.summary) } : {}),
          group: asString(group.name) ?? '',
          rule: resourceLink(ctx, rule.key),
          source: sourceLink(rule.source),
        })),
    ),
  );
}
