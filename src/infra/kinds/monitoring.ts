// Prometheus Operator: the alerts a PrometheusRule declares.
import { asRecord, asRecords, asString } from '../fields.ts';
import type { KubeObject } from '../model.ts';

export interface Alert {
  name: string;
  /** The group the rule file puts it in. */
  group: string;
  severity?: string;
  /** How long the condition must hold (`5m`). */
  for?: string;
  summary?: string;
}

/** Alerts in the order they are written (recording rules, which have no `alert`, are left out). */
export function alertsOf(rule: KubeObject): Alert[] {
  return asRecords(asRecord(rule.spec)?.groups).flatMap((group) =>
    asRecords(group.rules).flatMap((r) => {
      const name = asString(r.alert);
      if (!name) return [];
      const severity = asString(asRecord(r.labels)?.severity);
      const duration = asString(r.for);
      const summary = asString(asRecord(r.annotations)?.summary);
      return [{ name, group: asString(group.name) ?? '', ...(severity ? { severity } : {}), ...(duration ? { for: duration } : {}), ...(summary ? { summary } : {}) }];
    }),
  );
}
