// Traffic the NetworkPolicies allow, namespace to namespace. Read from the policies themselves rather than from the
// relations, because relations keep no edge for ipBlock peers or for rules that allow every source.
import { compareText, NETWORKING, networkPolicyOf, resourcesOfKind, selectedNamespaces, type Peer, type NetworkPolicyRule, type Resource } from '../infra/index.ts';
import { uniqueSorted, type EnvContext } from './context.ts';

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

/** « 5432/TCP », « 8000-8080/TCP », « tous/UDP »; Kubernetes' default protocol is TCP. */
function portsOf(rule: NetworkPolicyRule): string[] {
  const ports = rule.ports.map((p) => `${p.port ?? 'tous'}${p.endPort ? `-${p.endPort}` : ''}/${p.protocol ?? 'TCP'}`);
  return ports.length > 0 ? ports : ['tous'];
}

function peerEnds(ctx: EnvContext, peer: Peer, policy: Resource): FlowEnd[] {
  if (peer.ipBlock) return [`ip:${peer.ipBlock.cidr ?? '?'}`];
  if (peer.namespaceSelector) return selectedNamespaces(ctx.env, peer.namespaceSelector).map((name) => `ns:${name}`);
  if (peer.podSelector) return [`ns:${policy.id.namespace ?? 'default'}`];
  return [];
}

function networkPolicies(ctx: EnvContext): Resource[] {
  return resourcesOfKind(ctx.env, 'NetworkPolicy', [NETWORKING]);
}

/** Allowed flows, merged per (from, to, direction) and sorted. */
export function networkFlows(ctx: EnvContext): NetworkFlow[] {
  const merged = new Map<string, { from: string; to: string; direction: 'ingress' | 'egress'; ports: Set<string>; policies: Set<string> }>();
  const add = (from: FlowEnd, to: FlowEnd, direction: 'ingress' | 'egress', ports: string[], policy: string): void => {
    const id = `${from}\u0000${to}\u0000${direction}`;
    const entry = merged.get(id) ?? { from, to, direction, ports: new Set<string>(), policies: new Set<string>() };
    for (const p of ports) entry.ports.add(p);
    entry.policies.add(policy);
    merged.set(id, entry);
  };
  for (const policy of networkPolicies(ctx)) {
    const self = `ns:${policy.id.namespace ?? 'default'}`;
    for (const rule of networkPolicyOf(policy.object).rules) {
      const ends = rule.peers.length === 0 ? ['any'] : rule.peers.flatMap((p) => peerEnds(ctx, p, policy));
      for (const end of ends) {
        if (rule.direction === 'ingress') add(end, self, 'ingress', portsOf(rule), policy.key);
        else add(self, end, 'egress', portsOf(rule), policy.key);
      }
    }
  }
  return [...merged.values()]
    .map((e) => ({ from: e.from, to: e.to, direction: e.direction, ports: uniqueSorted(e.ports), policies: uniqueSorted(e.policies) }))
    .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.direction, b.direction));
}

/** Namespaces that have at least one NetworkPolicy: elsewhere everything is allowed. */
export function isolatedNamespaces(ctx: EnvContext): string[] {
  return uniqueSorted(networkPolicies(ctx).map((r) => r.id.namespace ?? 'default'));
}
