// NetworkPolicy → the workloads it applies to (podSelector) and the peers its rules allow (pods or namespaces).
// ipBlock peers name no resource and produce no edge.
import type { Environment, Relation, Resource } from '../model.ts';
import type { RelationResult } from './index.ts';
import { asRecord, asRecords, asString, specOf } from '../fields.ts';
import {
  edge,
  keyIn,
  labelSelectorText,
  matchesLabelSelector,
  podLabelsOf,
  resourcesOfKind,
  workloadsIn,
} from './common.ts';

type Direction = 'ingress' | 'egress';

function namespaceLabels(env: Environment): Map<string, Record<string, string>> {
  const labels = new Map<string, Record<string, string>>();
  for (const ns of env.namespaces) labels.set(ns, { 'kubernetes.io/metadata.name': ns });
  for (const ns of resourcesOfKind(env, 'Namespace', [''])) {
    labels.set(ns.id.name, { ...ns.labels, 'kubernetes.io/metadata.name': ns.id.name });
  }
  return labels;
}

function portsText(rule: Record<string, unknown>): { text: string; ports?: string } {
  const ports = asRecords(rule.ports).map((p) => `${asString(p.port) ?? 'tous'}${p.protocol ? `/${String(p.protocol)}` : ''}`);
  if (ports.length === 0) return { text: '' };
  return { text: ports.length === 1 ? ` sur le port ${ports[0]}` : ` sur les ports ${ports.join(', ')}`, ports: ports.join(', ') };
}

function peerEdges(
  env: Environment,
  policy: Resource,
  peer: Record<string, unknown>,
  direction: Direction,
  rule: Record<string, unknown>,
  nsLabels: Map<string, Record<string, string>>,
): Relation[] {
  const podSelector = asRecord(peer.podSelector);
  const namespaceSelector = asRecord(peer.namespaceSelector);
  if (!podSelector && !namespaceSelector) return [];
  const type = direction === 'ingress' ? 'allows-from' : 'allows-to';
  const verb = direction === 'ingress' ? 'autorise le trafic entrant depuis' : 'autorise le trafic sortant vers';
  const { text, ports } = portsText(rule);
  const detail: Record<string, string> = { direction, ...(ports ? { ports } : {}) };
  const namespaces = namespaceSelector
    ? [...nsLabels].filter(([, labels]) => matchesLabelSelector(namespaceSelector, labels)).map(([name]) => name)
    : [policy.id.namespace ?? ''];
  if (!podSelector) {
    return namespaces.map((ns) =>
      edge(env, type, policy, keyIn(env, '', 'Namespace', undefined, ns), `${verb} le namespace ${ns}${text}`, detail),
    );
  }
  const pods = labelSelectorText(podSelector);
  return namespaces.flatMap((ns) => {
    const where = ns === policy.id.namespace ? '' : ` du namespace ${ns}`;
    const what = pods ? `les pods ${pods}` : 'tous les pods';
    return workloadsIn(env, ns)
      .filter((w) => matchesLabelSelector(podSelector, podLabelsOf(w)))
      .map((w) => edge(env, type, policy, w.key, `${verb} ${what}${where}${text}`, detail));
  });
}

export function networkPolicyEdges(env: Environment): RelationResult {
  const relations: Relation[] = [];
  const nsLabels = namespaceLabels(env);
  for (const policy of resourcesOfKind(env, 'NetworkPolicy', ['networking.k8s.io'])) {
    const spec = specOf(policy);
    const podSelector = asRecord(spec.podSelector) ?? {};
    const pods = labelSelectorText(podSelector);
    for (const workload of workloadsIn(env, policy.id.namespace).filter((w) => matchesLabelSelector(podSelector, podLabelsOf(w)))) {
      relations.push(edge(env, 'applies-to', policy, workload.key, pods ? `s’applique aux pods ${pods}` : 's’applique à tous les pods du namespace'));
    }
    for (const [direction, field, peers] of [['ingress', 'ingress', 'from'], ['egress', 'egress', 'to']] as const) {
      for (const rule of asRecords(spec[field])) {
        for (const peer of asRecords(rule[peers])) relations.push(...peerEdges(env, policy, peer, direction, rule, nsLabels));
      }
    }
  }
  return { relations, findings: [] };
}
