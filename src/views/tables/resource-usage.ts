// CPU and memory each workload requests and is limited to, added up per namespace and compared with the declared
// node capacity.
import {
  compareText,
  formatCpu,
  formatMemory,
  kindEntry,
  parseCpu,
  parseMemory,
  nodeCapacity,
  podsOf,
  type Container,
  type Model,
  type Pods,
  type Replicas,
} from '../../infra/index.ts';
import { envContext } from '../context.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from '../links.ts';
import { namespacePath } from '../paths.ts';

export interface Amounts {
  cpuRequests: number;
  cpuLimits: number;
  memoryRequests: number;
  memoryLimits: number;
}

export interface FormattedAmounts {
  cpuRequests: string;
  cpuLimits: string;
  memoryRequests: string;
  memoryLimits: string;
}

export interface ResourceUsageRow {
  resource: ResourceLink;
  namespace?: string;
  /** Pods counted: replicas, CNPG instances; 1 per node for a DaemonSet. */
  replicas: number;
  /** Jobs and CronJobs run from time to time: shown, not added to the totals. */
  transient: boolean;
  /** Containers without a request or a limit for cpu / memory. */
  missing: string[];
  perPod: Amounts;
  total: Amounts;
  formatted: FormattedAmounts;
  source: SourceLink;
}

export interface NamespaceTotal {
  namespace: string;
  href: string;
  total: Amounts;
  formatted: FormattedAmounts;
}

export interface ResourceUsage {
  rows: ResourceUsageRow[];
  namespaces: NamespaceTotal[];
  total: Amounts;
  formatted: FormattedAmounts;
  capacity?: { cpu: number; memory: number; formatted: { cpu: string; memory: string }; sources: SourceLink[] };
  /** Requests as a share of the capacity (0..1+), when a capacity is declared. */
  share?: { cpuRequests: number; memoryRequests: number; cpuLimits: number; memoryLimits: number };
}

const ZERO: Amounts = { cpuRequests: 0, cpuLimits: 0, memoryRequests: 0, memoryLimits: 0 };

function add(a: Amounts, b: Amounts, factor = 1): Amounts {
  return {
    cpuRequests: a.cpuRequests + b.cpuRequests * factor,
    cpuLimits: a.cpuLimits + b.cpuLimits * factor,
    memoryRequests: a.memoryRequests + b.memoryRequests * factor,
    memoryLimits: a.memoryLimits + b.memoryLimits * factor,
  };
}

/** Zero means nothing was declared: « — » rather than « 0 cœur ». */
function format(a: Amounts): FormattedAmounts {
  const cpu = (n: number) => (n === 0 ? '—' : formatCpu(n));
  const memory = (n: number) => (n === 0 ? '—' : formatMemory(n));
  return { cpuRequests: cpu(a.cpuRequests), cpuLimits: cpu(a.cpuLimits), memoryRequests: memory(a.memoryRequests), memoryLimits: memory(a.memoryLimits) };
}

/** A container's declared requests and limits as numbers (0 when not declared), and which of them are missing. */
function amountsOf(c: Container): { amounts: Amounts; missing: string[] } {
  const num = (q: string | undefined, parse: (q: string) => number) => {
    const n = q === undefined ? Number.NaN : parse(q);
    return Number.isFinite(n) ? n : 0;
  };
  const missing: string[] = [];
  for (const section of ['requests', 'limits'] as const) {
    for (const r of ['cpu', 'memory'] as const) if (c[section][r] === undefined) missing.push(`${section}.${r}`);
  }
  return {
    amounts: {
      cpuRequests: num(c.requests.cpu, parseCpu),
      cpuLimits: num(c.limits.cpu, parseCpu),
      memoryRequests: num(c.requests.memory, parseMemory),
      memoryLimits: num(c.limits.memory, parseMemory),
    },
    missing,
  };
}

/**
 * A pod's footprint: its containers added up; an init container counts only if bigger (they run before). What a
 * container lacks is named after it, unless the operator makes it (CloudNativePG): then it is the resource's own.
 */
function podAmounts(pods: Pods): { amounts: Amounts; missing: string[] } {
  let sum = ZERO;
  const missing = new Set<string>();
  for (const c of pods.containers.filter((c) => !c.init)) {
    const { amounts, missing: m } = amountsOf(c);
    sum = add(sum, amounts);
    for (const x of m) missing.add(c.implicit ? x : `${c.name} : ${x}`);
  }
  for (const c of pods.containers.filter((c: Container) => c.init)) {
    const { amounts } = amountsOf(c);
    sum = {
      cpuRequests: Math.max(sum.cpuRequests, amounts.cpuRequests),
      cpuLimits: Math.max(sum.cpuLimits, amounts.cpuLimits),
      memoryRequests: Math.max(sum.memoryRequests, amounts.memoryRequests),
      memoryLimits: Math.max(sum.memoryLimits, amounts.memoryLimits),
    };
  }
  return { amounts: sum, missing: [...missing].sort(compareText) };
}

/** Pods counted: replicas, CNPG instances; one for a DaemonSet (a single node is assumed) or a run. */
function podCount(replicas: Replicas): number {
  return replicas.by === 'node' ? 1 : replicas.count;
}

export function resourceUsage(model: Model, envName: string): ResourceUsage {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const rows: ResourceUsageRow[] = [];
  for (const r of env.resources) {
    const workload = kindEntry(r.id.group, r.id.kind)?.workload;
    // A ReplicaSet's pods are its Deployment's: counting both would count them twice.
    const pods = workload?.ownedPods ? undefined : podsOf(r);
    if (!pods) continue;
    const pod = podAmounts(pods);
    const replicas = podCount(pods.replicas);
    const total = add(ZERO, pod.amounts, replicas);
    rows.push({
      resource: resourceLink(ctx, r.key),
      ...(r.id.namespace ? { namespace: r.id.namespace } : {}),
      replicas,
      transient: workload?.lifecycle === 'to-completion',
      missing: pod.missing,
      perPod: pod.amounts,
      total,
      formatted: format(total),
      source: sourceLink(r.source),
    });
  }
  const byNamespace = new Map<string, Amounts>();
  let total = ZERO;
  for (const row of rows.filter((r) => !r.transient)) {
    const ns = row.namespace ?? '_cluster';
    byNamespace.set(ns, add(byNamespace.get(ns) ?? ZERO, row.total));
    total = add(total, row.total);
  }
  const namespaces = [...byNamespace]
    .sort(([a], [b]) => compareText(a, b))
    .map(([namespace, amounts]) => ({ namespace, href: namespacePath(env.name, namespace === '_cluster' ? undefined : namespace), total: amounts, formatted: format(amounts) }));
  const usage: ResourceUsage = { rows, namespaces, total, formatted: format(total) };
  const capacity = nodeCapacity(env);
  if (capacity) {
    const { cpu, memory } = capacity;
    usage.capacity = { cpu, memory, formatted: { cpu: formatCpu(cpu), memory: formatMemory(memory) }, sources: capacity.declaredBy.map((c) => sourceLink(c.source)) };
    usage.share = {
      cpuRequests: cpu > 0 ? total.cpuRequests / cpu : 0,
      cpuLimits: cpu > 0 ? total.cpuLimits / cpu : 0,
      memoryRequests: memory > 0 ? total.memoryRequests / memory : 0,
      memoryLimits: memory > 0 ? total.memoryLimits / memory : 0,
    };
  }
  return usage;
}
