// Autoscaler (HorizontalPodAutoscaler, KEDA ScaledObject) → the workload it scales, read by the kind's `scaleTarget`
// parser.
import type { RelationBuilder } from '../kinds/entry.ts';
import type { ScalingMetric } from '../kinds/autoscalers.ts';
import { capitalize, theKind } from '../french.ts';
import { describe, edge, finding, findResource } from './common.ts';

function metricsText(metrics: readonly ScalingMetric[]): string {
  const parts = metrics.map(({ resource, averageUtilization }) => `${resource === 'cpu' ? 'CPU' : resource === 'memory' ? 'mémoire' : resource} ${averageUtilization} %`);
  return parts.length > 0 ? ` selon ${parts.join(', ')}` : '';
}

export const autoscalerTargets: RelationBuilder = (env, autoscaler, entry) => {
  const scaling = entry.scaleTarget?.(autoscaler.object);
  if (!scaling) return { relations: [], findings: [] };
  const { group, kind, name } = scaling.target;
  const target = findResource(env, kind, autoscaler.id.namespace, name, [group]);
  if (!target) {
    const message = `${capitalize(describe(autoscaler))} ajuste ${theKind(kind)} ${name}, qui n’existe pas dans le namespace.`;
    const hint = `Corrigez spec.scaleTargetRef (apiVersion, kind, name) ou supprimez l’autoscaler.`;
    return { relations: [], findings: [finding(autoscaler, 'FFE-E-SCALE-TARGET-MISSING', 'error', message, hint, scaling.at)] };
  }
  const min = scaling.minReplicas;
  const max = scaling.maxReplicas ?? '?';
  const reason = `ajuste le nombre de réplicas de ${min} à ${max}${metricsText(scaling.metrics)}`;
  return { relations: [edge(env, 'scales', autoscaler, target.key, reason, { minReplicas: min, maxReplicas: max })], findings: [] };
};
