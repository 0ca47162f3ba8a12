// CPU and memory each workload requests and is limited to, added up per namespace and compared with the declared
// node capacity.
import type { Model, Resource } from '../../infra/model.ts';
import { formatCpu, formatMemory, parseCpu, parseMemory } from '../../infra/quantities.ts';
import { isWorkload, podTemplateOf, type Container } from '../../infra/workloads.ts';
import { asRecord, asString, specOf } from '../../infra/fields.ts';
import { compareText, envContext } from '../context.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from '../links.ts';
import { namespacePath } from '../paths.ts';

/**
 * Node capacity convention: a ConfigMap labelled `ffe.fr/node-capacity: "true"` (any namespace) whose data holds
 * `cpu` and `memory` as Kubernetes quantities (`4`, `8Gi`), one ConfigMap per node; several are added up.
 */
export const NODE_CAPACITY_LABEL = 'ffe.fr/node-capacity';

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

function amountsOf(resources: Record<string, unknown> | undefined): { amounts: Amounts; missing: string[] } {
  const requests = asRecord(resources?.requests) ?? {};
  const limits = asRecord(resources?.limits) ?? {};
  const num = (v: unknown, parse: (q: string | number) => number) => {
    const n = typeof v === 'string' || typeof v === 'number' ? parse(v) : Number.NaN;
    return Number.isFinite(n) ? n : 0;
  };
  const missing: string[] = [];
  for (const [map, what] of [[requests, 'requests'], [limits, 'limits']] as const) {
    for (const r of ['cpu', 'memory']) if (map[r] === undefined) missing.push(`${what}.${r}`);
  }
  return {
    amounts: {
      cpuRequests: num(requests.cpu, parseCpu),
      cpuLimits: num(limits.cpu, parseCpu),
      memoryRequests: num(requests.memory, parseMemory),
      memoryLimits: num(limits.memory, parseMemory),
    },
    missing,
  };
}

/** A pod's footprint: its containers added up; an init container counts only if bigger (they run before). */
function podAmounts(containers: Container[], initContainers: Container[]): { amounts: Amounts; missing: string[] } {
  let sum = ZERO;
  const missing = new Set<string>();
  for (const c of containers) {
    const { amounts, missing: m } = amountsOf(c.resources as Record<string, unknown> | undefined);
    sum = add(sum, amounts);
    for (const x of m) missing.add(`${c.name} : ${x}`);
  }
  for (const c of initContainers) {
    const { amounts } = amountsOf(c.resources as Record<string, unknown> | undefined);
    sum = {
      cpuRequests: Math.max(sum.cpuRequests, amounts.cpuRequests),
      cpuLimits: Math.max(sum.cpuLimits, amounts.cpuLimits),
      memoryRequests: Math.max(sum.memoryRequests, amounts.memoryRequests),
      memoryLimits: Math.max(sum.memoryLimits, amounts.memoryLimits),
    };
  }
  return { amounts: sum, missing: [...missing].sort(compareText) };
}

function replicasOf(resource: Resource): number {
  const spec = specOf(resource);
  if (resource.id.kind === 'Cluster') return typeof spec.instances === 'number' ? spec.instances : 1;
  if (resource.id.kind === 'DaemonSet' || resource.id.kind === 'Pod') return 1;
  return typeof spec.replicas === 'number' ? spec.replicas : 1;
}

export function resourceUsage(model: Model, envName: string): ResourceUsage {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const rows: ResourceUsageRow[] = [];
  for (const r of env.resources) {
    let pod: { amounts: Amounts; missing: string[] } | undefined;
    if (isWorkload(r) && r.id.kind !== 'ReplicaSet') {
      const spec = podTemplateOf(r.object)!.spec;
      pod = podAmounts(spec.containers ?? [], spec.initContainers ?? []);
    } else if (r.id.kind === 'Cluster' && r.id.group === 'postgresql.cnpg.io') {
      pod = amountsOf(asRecord(specOf(r).resources));
    }
    if (!pod) continue;
    const replicas = replicasOf(r);
    const total = add(ZERO, pod.amounts, replicas);
    rows.push({
      resource: resourceLink(ctx, r.key),
      ...(r.id.namespace ? { namespace: r.id.namespace } : {}),
      replicas,
      transient: r.id.kind === 'Job' || r.id.kind === 'CronJob',
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
  const capacityMaps = (env.byKind.get('ConfigMap') ?? []).filter((c) => c.labels[NODE_CAPACITY_LABEL] === 'true');
  if (capacityMaps.length > 0) {
    let cpu = 0;
    let memory = 0;
    for (const c of capacityMaps) {
      const data = asRecord(c.object.data) ?? {};
      const parsedCpu = parseCpu(asString(data.cpu));
      const parsedMemory = parseMemory(asString(data.memory));
      cpu += Number.isFinite(parsedCpu) ? parsedCpu : 0;
      memory += Number.isFinite(parsedMemory) ? parsedMemory : 0;
    }
    usage.capacity = { cpu, memory, formatted: { cpu: formatCpu(cpu), memory: formatMemory(memory) }, sources: capacityMaps.map((c) => sourceLink(c.source)) };
    usage.share = {
      cpuRequests: cpu > 0 ? total.cpuRequests / cpu : 0,
      cpuLimits: cpu > 0 ? total.cpuLimits / cpu : 0,
      memoryRequests: memory > 0 ? total.memoryRequests / memory : 0,
      memoryLimits: memory > 0 ? total.memoryLimits / memory : 0,
    };
  }
  return usage;
}
