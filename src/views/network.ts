// Traffic the NetworkPolicies allow, namespace to namespace. Read from the policies themselves rather than from the
// relations, because relations keep no edge for ipBlock peers or for rules that allow every source.
import type { Resource } from '../infra/model.ts';
import { matchesLabelSelector } from '../infra/relations/common.ts';
import { asRecord, asRecords, asString, specOf } from '../infra/fields.ts';
import { compareText, uniqueSorted, type EnvContext } from './context.ts';

/** A flow end: `ns:<namespace>`, `ip:<cidr>`, or `any` (every source or destination). */
export type FlowEnd = string;

export interface NetworkFlow {
  from: FlowEnd;
  to: FlowEnd;
  /** Which side's policy allows it: an ingress rule of the destination, or an egress rule of the source. */
  direction: 'ingress' | 'egress';
  /** « 5432/TCP », « tous » when the rule names no port. */
  ports: string[];
  /** Keys of the NetworkPolicies that allow it. */
  policies: string[];
}

export function flowEndLabel(end: FlowEnd): string {
  if (end === 'any') return 'Partout';
  if (end === 'ip:0.0.0.0/0' || end === 'ip:::/0') return `Internet (${end.slice(3)})`;
  if (end.startsWith('ip:')) return `Adresses ${end.slice(3)}`;
  return end.slice(3);
}

function namespaceLabels(ctx: EnvContext): Map<string, Record<string, string>> {
  const labels = new Map<string, Record<string, string>>();
  for (const ns of ctx.env.namespaces) labels.set(ns, { 'kubernetes.io/metadata.name': ns });
  for (const ns of (ctx.env.byKind.get('Namespace') ?? []).filter((r) => r.id.group === '')) {
    labels.set(ns.id.name, { ...ns.labels, 'kubernetes.io/metadata.name': ns.id.name });
  }
  return labels;
}

function portsOf(rule: Record<string, unknown>): string[] {
  const ports = asRecords(rule.ports).map((p) => {
    const port = asString(p.port) ?? 'tous';
    const end = asString(p.endPort);
    return `${port}${end ? `-${end}` : ''}/${asString(p.protocol) ?? 'TCP'}`;
  });
  return ports.length > 0 ? ports : ['tous'];
}

function peerEnds(peer: Record<string, unknown>, policy: Resource, nsLabels: Map<string, Record<string, string>>): FlowEnd[] {
  const ipBlock = asRecord(peer.ipBlock);
  if (ipBlock) return [`ip:${asString(ipBlock.cidr) ?? '?'}`];
  const namespaceSelector = asRecord(peer.namespaceSelector);
  if (namespaceSelector) {
    return [...nsLabels].filter(([, labels]) => matchesLabelSelector(namespaceSelector, labels)).map(([name]) => `ns:${name}`);
  }
  if (asRecord(peer.podSelector)) return [`ns:${policy.id.namespace ?? 'default'}`];
  return [];
}

/** Allowed flows, merged per (from, to, direction) and sorted. */
export function networkFlows(ctx: EnvContext): NetworkFlow[] {
  const nsLabels = namespaceLabels(ctx);
  const merged = new Map<string, { from: string; to: string; direction: 'ingress' | 'egress'; ports: Set<string>; policies: Set<string> }>();
  const add = (from: FlowEnd, to: FlowEnd, direction: 'ingress' | 'egress', ports: string[], policy: string): void => {
    const id = `${from}\u0000${to}\u0000${direction}`;
    const entry = merged.get(id) ?? { from, to, direction, ports: new Set<string>(), policies: new Set<string>() };
    for (const p of ports) entry.ports.add(p);
    entry.policies.add(policy);
    merged.set(id, entry);
  };
  const policies = (ctx.env.byKind.get('NetworkPolicy') ?? []).filter((r) => r.id.group === 'networking.k8s.io');
  for (const policy of policies) {
    const spec = specOf(policy);
    const self = `ns:${policy.id.namespace ?? 'default'}`;
    for (const rule of asRecords(spec.ingress)) {
      const peers = asRecords(rule.from);
      const ends = peers.length === 0 ? ['any'] : peers.flatMap((p) => peerEnds(p, policy, nsLabels));
      for (const end of ends) add(end, self, 'ingress', portsOf(rule), policy.key);
    }
    for (const rule of asRecords(spec.egress)) {
      const peers = asRecords(rule.to);
      const ends = peers.length === 0 ? ['any'] : peers.flatMap((p) => peerEnds(p, policy, nsLabels));
      for (const end of ends) add(self, end, 'egress', portsOf(rule), policy.key);
    }
  }
  return [...merged.values()]
    .map((e) => ({ from: e.from, to: e.to, direction: e.direction, ports: uniqueSorted(e.ports), policies: uniqueSorted(e.policies) }))
    .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.direction, b.direction));
}

/** Namespaces that have at least one NetworkPolicy: elsewhere everything is allowed. */
export function isolatedNamespaces(ctx: EnvContext): string[] {
  return uniqueSorted(
    (ctx.env.byKind.get('NetworkPolicy') ?? []).filter((r) => r.id.group === 'networking.k8s.io').map((r) => r.id.namespace ?? 'default'),
  );
}
