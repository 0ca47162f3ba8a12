// HorizontalPodAutoscaler → the workload it scales.
import type { Environment, Relation, Finding } from '../model.ts';
import { apiGroupOf } from '../model.ts';
import type { RelationResult } from './index.ts';
import { asRecord, asRecords, asString, specOf } from '../fields.ts';
import { capitalize, theKind } from '../french.ts';
import { describe, edge, finding, findResource, resourcesOfKind } from './common.ts';

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

export function autoscalerTargets(env: Environment): RelationResult {
  const relations: Relation[] = [];
  const findings: Finding[] = [];
  for (const hpa of resourcesOfKind(env, 'HorizontalPodAutoscaler', ['autoscaling'])) {
    const spec = specOf(hpa);
    const ref = asRecord(spec.scaleTargetRef);
    const kind = asString(ref?.kind);
    const name = asString(ref?.name);
    if (!kind || !name) continue;
    const target = findResource(env, kind, hpa.id.namespace, name, [apiGroupOf(asString(ref?.apiVersion) ?? '')]);
    if (!target) {
      findings.push(
        finding(
          hpa,
          'FFE-E-SCALE-TARGET-MISSING',
          'error',
          `${capitalize(describe(hpa))} ajuste ${theKind(kind)} ${name}, qui n’existe pas dans le namespace.`,
          `Corrigez spec.scaleTargetRef (apiVersion, kind, name) ou supprimez l’autoscaler.`,
        ),
      );
      continue;
    }
    const min = asString(spec.minReplicas) ?? '1';
    const max = asString(spec.maxReplicas) ?? '?';
    relations.push(
      edge(env, 'scales', hpa, target.key, `ajuste le nombre de réplicas de ${min} à ${max}${metricsText(spec)}`, { minReplicas: min, maxReplicas: max }),
    );
  }
  return { relations, findings };
}
