// Autoscalers: the workload a HorizontalPodAutoscaler or a KEDA ScaledObject sets the replicas of, between which
// bounds, on which metrics. The relations (autoscaler → workload) and the Git ↔ cluster comparison (replicas an
// autoscaler owns are no difference) read this.
import { apiGroupOf, type FieldPath, type KubeObject } from '../model.ts';
import { Field } from './located.ts';

/** A resource metric an autoscaler follows, as written: `cpu` at 80 (% of the requests). */
export interface ScalingMetric {
  resource: string;
  averageUtilization: string;
}

export interface Autoscaling {
  /** The workload scaled, in the autoscaler's namespace. */
  target: { group: string; kind: string; name: string };
  /** The bounds as written, else the autoscaler's defaults; `maxReplicas` has none for a HorizontalPodAutoscaler. */
  minReplicas: string;
  maxReplicas?: string;
  metrics: ScalingMetric[];
  /** The reference to the workload. */
  at: FieldPath;
}

/** A HorizontalPodAutoscaler: `spec.scaleTargetRef` (kind and name required), min 1 by default. */
export function horizontalPodAutoscalerOf(object: KubeObject): Autoscaling | undefined {
  const spec = Field.of(object).at('spec');
  const ref = spec.at('scaleTargetRef');
  const kind = ref.at('kind').string();
  const name = ref.at('name').string();
  if (!kind || !name) return undefined;
  const metrics = spec
    .at('metrics')
    .records()
    .flatMap((metric): ScalingMetric[] => {
      const resource = metric.at('resource', 'name').string();
      const averageUtilization = metric.at('resource', 'target', 'averageUtilization').string();
      return resource && averageUtilization ? [{ resource, averageUtilization }] : [];
    });
  const legacy = spec.at('targetCPUUtilizationPercentage').string();
  if (legacy) metrics.push({ resource: 'cpu', averageUtilization: legacy });
  const max = spec.at('maxReplicas').string();
  return {
    target: { group: apiGroupOf(ref.at('apiVersion').string() ?? ''), kind, name },
    minReplicas: spec.at('minReplicas').string() ?? '1',
    ...(max ? { maxReplicas: max } : {}),
    metrics,
    at: ref.path,
  };
}

/** A KEDA ScaledObject: a Deployment (`apps/v1`) unless its reference says otherwise; 0 to 100 replicas by default. */
export function scaledObjectOf(object: KubeObject): Autoscaling | undefined {
  const spec = Field.of(object).at('spec');
  const ref = spec.at('scaleTargetRef');
  const name = ref.at('name').string();
  if (!name) return undefined;
  return {
    target: { group: apiGroupOf(ref.at('apiVersion').string() ?? 'apps/v1'), kind: ref.at('kind').string() ?? 'Deployment', name },
    minReplicas: spec.at('minReplicaCount').string() ?? '0',
    maxReplicas: spec.at('maxReplicaCount').string() ?? '100',
    metrics: [],
    at: ref.path,
  };
}
