// NetworkPolicies: which pods a policy applies to, which directions it closes, and the peers and ports each rule
// opens. The relations (policy → workloads, peers), the network views and the default-deny check read this.
import { asArray, asRecord, asRecords, asString } from '../fields.ts';
import { perEnvironment, type Environment, type KubeObject } from '../model.ts';
import { matchesLabelSelector } from '../labels.ts';

export const NETWORKING = 'networking.k8s.io';

export type Direction = 'ingress' | 'egress';
export type PolicyType = 'Ingress' | 'Egress';

export interface PolicyPort {
  /** A number or a named port; absent: every port. */
  port?: string;
  /** The last port of a range starting at `port`. */
  endPort?: string;
  /** As written; Kubernetes' default is TCP. */
  protocol?: string;
}

/** A peer of a rule: an address range, or pods chosen by selectors (the policy's own namespace when none is given). */
export type Peer =
  | { ipBlock: { cidr?: string; except: string[] } }
  | { ipBlock?: undefined; podSelector?: Record<string, unknown>; namespaceSelector?: Record<string, unknown> };

export interface NetworkPolicyRule {
  direction: Direction;
  /** Empty when the rule names no peer: traffic from (or to) everywhere is allowed. */
  peers: Peer[];
  /** Empty when the rule names no port: every port is allowed. */
  ports: PolicyPort[];
}

export interface NetworkPolicyFacts {
  /** The pods it applies to, in its namespace; an empty selector selects them all. */
  podSelector: Record<string, unknown>;
  /** What it restricts: `policyTypes` as written, else Ingress, plus Egress when it has egress rules. */
  policyTypes: PolicyType[];
  rules: NetworkPolicyRule[];
}

function portsOf(rule: Record<string, unknown>): PolicyPort[] {
  return asRecords(rule.ports).map((p) => {
    const out: PolicyPort = {};
    for (const field of ['port', 'endPort', 'protocol'] as const) {
      const value = asString(p[field]);
      if (value !== undefined) out[field] = value;
    }
    return out;
  });
}

function peerOf(peer: Record<string, unknown>): Peer {
  const ipBlock = asRecord(peer.ipBlock);
  if (ipBlock) {
    const cidr = asString(ipBlock.cidr);
    return { ipBlock: { ...(cidr ? { cidr } : {}), except: asArray(ipBlock.except).map(String) } };
  }
  const podSelector = asRecord(peer.podSelector);
  const namespaceSelector = asRecord(peer.namespaceSelector);
  return { ...(podSelector ? { podSelector } : {}), ...(namespaceSelector ? { namespaceSelector } : {}) };
}

export function networkPolicyOf(object: KubeObject): NetworkPolicyFacts {
  const spec = asRecord(object.spec) ?? {};
  const written = asArray(spec.policyTypes).filter((t): t is PolicyType => t === 'Ingress' || t === 'Egress');
  const policyTypes: PolicyType[] = asArray(spec.policyTypes).length > 0 ? written : ['Ingress', ...(spec.egress ? (['Egress'] as const) : [])];
  const rules: NetworkPolicyRule[] = [];
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    for (const rule of asRecords(spec[direction])) {
      rules.push({ direction, peers: asRecords(rule[peers]).map(peerOf), ports: portsOf(rule) });
    }
  }
  return { podSelector: asRecord(spec.podSelector) ?? {}, policyTypes, rules };
}

function isEmptySelector(selector: Record<string, unknown>): boolean {
  return Object.keys(asRecord(selector.matchLabels) ?? {}).length === 0 && asArray(selector.matchExpressions).length === 0;
}

/** The directions a NetworkPolicy closes for every pod of its namespace: it selects them all and allows nothing. */
export function defaultDenyDirections(policy: NetworkPolicyFacts): Set<PolicyType> {
  const result = new Set<PolicyType>();
  if (!isEmptySelector(policy.podSelector)) return result;
  for (const [type, direction] of [['Ingress', 'ingress'], ['Egress', 'egress']] as const) {
    if (policy.policyTypes.includes(type) && !policy.rules.some((r) => r.direction === direction)) result.add(type);
  }
  return result;
}

/**
 * The labels of every namespace of an environment, as a namespaceSelector sees them: what the manifests write, plus
 * `kubernetes.io/metadata.name`, which the API server sets on every namespace (also on those nobody declares).
 */
export function namespaceLabels(env: Environment): Map<string, Record<string, string>> {
  const labels = new Map<string, Record<string, string>>();
  for (const ns of env.namespaces) labels.set(ns, { 'kubernetes.io/metadata.name': ns });
  for (const ns of (env.byKind.get('Namespace') ?? []).filter((r) => r.id.group === '')) {
    labels.set(ns.id.name, { ...ns.labels, 'kubernetes.io/metadata.name': ns.id.name });
  }
  return labels;
}

const labelsByEnvironment = perEnvironment(namespaceLabels);

/** The namespaces of an environment a namespaceSelector selects, in namespace order. */
export function selectedNamespaces(env: Environment, selector: Record<string, unknown>): string[] {
  return [...labelsByEnvironment(env)].filter(([, l]) => matchesLabelSelector(selector, l)).map(([name]) => name);
}
