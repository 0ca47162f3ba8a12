// HorizontalPodAutoscaler → the workload it scales.
import { apiGroupOf } from '../model.ts';
import type { RelationBuilder } from '../kinds/entry.ts';
import { asRecord, asRecords, asString, specOf } from '../fields.ts';
import { capitalize, theKind } from '../french.ts';
import { describe, edge, finding, findResource } from './common.ts';

function metricsText(spec: Record<string, unknown>): string {
  const parts = asRecords(spec.metrics).map((m) => {
    const resource = asRecord(m.resource);
    const target = asRecord(resource?.target);
    const name = asString(resource?.name);
    const value = asString(target?.averageUtilization);
    return name && value ? `${name === 'cpu' ? 'CPU' : name === 'memory' ? 'mémoire' : name} ${value} %` : undefined;
  });
  const known = parts.filter((p): p is string => p !== undefined);
  const legacy = asString(spec.targetCPUUtilizationPercentage);
  if (legacy) known.push(`CPU ${legacy} %`);
  return known.length > 0 ? ` selon ${known.join(', ')}` : '';
}

export const autoscalerTargets: RelationBuilder = (env, hpa) => {
  const spec = specOf(hpa);
  const ref = asRecord(spec.scaleTargetRef);
  const kind = asString(ref?.kind);
  const name = asString(ref?.name);
  if (!kind || !name) return { relations: [], findings: [] };
  const target = findResource(env, kind, hpa.id.namespace, name, [apiGroupOf(asString(ref?.apiVersion) ?? '')]);
  if (!target) {
    const message = `${capitalize(describe(hpa))} ajuste ${theKind(kind)} ${name}, qui n’existe pas dans le namespace.`;
    const hint = `Corrigez spec.scaleTargetRef (apiVersion, kind, name) ou supprimez l’autoscaler.`;
    return { relations: [], findings: [finding(hpa, 'FFE-E-SCALE-TARGET-MISSING', 'error', message, hint)] };
  }
  const min = asString(spec.minReplicas) ?? '1';
  const max = asString(spec.maxReplicas) ?? '?';
  const reason = `ajuste le nombre de réplicas de ${min} à ${max}${metricsText(spec)}`;
  return { relations: [edge(env, 'scales', hpa, target.key, reason, { minReplicas: min, maxReplicas: max })], findings: [] };
};
