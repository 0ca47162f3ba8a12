// Table rows as plain data, one function per table. Every row links to its resource page and to its source file.
import type { Model, Resource, SourceLocation } from '../infra/model.ts';
import { parseImage, shortImageName } from '../infra/images.ts';
import { formatCpu, formatMemory, parseCpu, parseMemory } from '../infra/quantities.ts';
import { containersOf, isWorkload, podTemplateOf, type Container } from '../infra/workloads.ts';
import { sourceUrl } from '../config.ts';
import { asRecord, asRecords, asString, specOf } from '../infra/fields.ts';
import { resourcesOfKind } from '../infra/relations/common.ts';
import { compareText, envContext, findingsOf, into, out, uniqueSorted, type EnvContext } from './context.ts';
import { backupDestination, k8upVolumes } from './diagrams.ts';
import { endpointsOf } from './endpoints.ts';
import { kindLabel } from './labels.ts';
import { flowEndLabel, isolatedNamespaces, networkFlows } from './network.ts';
import { namespacePath, parseResourceKey, resourcePath } from './paths.ts';
import { describeCron } from './schedule.ts';

/** A link to a resource page; `href` is absent when the manifests do not define the resource. */
export interface ResourceLink {
  key: string;
  label: string;
  href?: string;
}

export interface SourceLink extends SourceLocation {
  url: string;
}

export function sourceLink(location: SourceLocation): SourceLink {
  return { ...location, url: sourceUrl(location.path, location.line) };
}

export function resourceLink(ctx: EnvContext, key: string): ResourceLink {
  const id = parseResourceKey(key);
  const label = `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
  return ctx.env.byKey.has(key) ? { key, label, href: resourcePath(id) } : { key, label };
}

// ---------------------------------------------------------------------------------------------------------------

export interface InventoryRow {
  key: string;
  kind: string;
  kindLabel: string;
  group: string;
  apiVersion: string;
  namespace?: string;
  name: string;
  application?: string;
  href: string;
  source: SourceLink;
  findings: number;
}

export function inventoryRows(model: Model, envName: string, namespace?: string): InventoryRow[] {
  const ctx = envContext(model, envName);
  return ctx.env.resources
    .filter((r) => namespace === undefined || r.id.namespace === namespace)
    .map((r) => ({
      key: r.key,
      kind: r.id.kind,
      kindLabel: kindLabel(r.id.kind),
      group: r.id.group,
      apiVersion: r.apiVersion,
      ...(r.id.namespace ? { namespace: r.id.namespace } : {}),
      name: r.id.name,
      ...(r.labels['app.kubernetes.io/part-of'] ?? r.labels['app.kubernetes.io/name']
        ? { application: r.labels['app.kubernetes.io/part-of'] ?? r.labels['app.kubernetes.io/name'] }
        : {}),
      href: resourcePath(r),
      source: sourceLink(r.source),
      findings: findingsOf(model, r.key).length,
    }));
}

// ---------------------------------------------------------------------------------------------------------------

export interface ImageRow {
  env: string;
  resource: ResourceLink;
  namespace?: string;
  container: string;
  image: string;
  /** `nginx:1.27` rather than `docker.io/library/nginx:1.27`. */
  shortName: string;
  repository: string;
  tag?: string;
  digest?: string;
  pinned: boolean;
  /** The same slot (resource and container) runs another image in another environment. */
  differs: boolean;
  /** Image of the same slot in the other environments. */
  elsewhere: { env: string; image: string }[];
  source: SourceLink;
}

interface ImageSlot {
  resource: Resource;
  container: string;
  image: string;
}

function imageSlots(resource: Resource): ImageSlot[] {
  if (isWorkload(resource)) {
    const spec = podTemplateOf(resource.object)!.spec;
    return containersOf(spec)
      .filter((c: Container) => typeof c.image === 'string' && c.image !== '')
      .map((c) => ({ resource, container: c.name, image: c.image! }));
  }
  if (resource.id.kind === 'Cluster' && resource.id.group === 'postgresql.cnpg.io') {
    const image = asString(specOf(resource).imageName);
    return image ? [{ resource, container: 'postgres', image }] : [];
  }
  return [];
}

const slotId = (slot: ImageSlot): string =>
  [slot.resource.id.group, slot.resource.id.kind, slot.resource.id.namespace ?? '', slot.resource.id.name, slot.container].join('\u0000');

/** Images of every environment (or one), compared slot by slot across environments. */
export function imageRows(model: Model, envName?: string): ImageRow[] {
  const slotsByEnv = new Map<string, Map<string, ImageSlot>>();
  for (const env of model.environments) {
    const slots = new Map<string, ImageSlot>();
    for (const r of env.resources) for (const slot of imageSlots(r)) slots.set(slotId(slot), slot);
    slotsByEnv.set(env.name, slots);
  }
  const rows: ImageRow[] = [];
  for (const env of model.environments) {
    if (envName !== undefined && env.name !== envName) continue;
    const ctx = envContext(model, env.name);
    for (const [id, slot] of slotsByEnv.get(env.name)!) {
      const ref = parseImage(slot.image);
      const elsewhere = [...slotsByEnv]
        .filter(([name, slots]) => name !== env.name && slots.has(id))
        .map(([name, slots]) => ({ env: name, image: slots.get(id)!.image }));
      rows.push({
        env: env.name,
        resource: resourceLink(ctx, slot.resource.key),
        ...(slot.resource.id.namespace ? { namespace: slot.resource.id.namespace } : {}),
        container: slot.container,
        image: slot.image,
        shortName: shortImageName(ref),
        repository: `${ref.registry}/${ref.repository}`,
        ...(ref.tag ? { tag: ref.tag } : {}),
        ...(ref.digest ? { digest: ref.digest } : {}),
        pinned: ref.pinned,
        differs: elsewhere.some((e) => e.image !== slot.image),
        elsewhere,
        source: sourceLink(slot.resource.source),
      });
    }
  }
  return rows.sort(
    (a, b) => compareText(a.env, b.env) || compareText(a.resource.key, b.resource.key) || compareText(a.container, b.container),
  );
}

// ---------------------------------------------------------------------------------------------------------------

export interface EndpointRow {
  host: string;
  path: string;
  url: string;
  route: ResourceLink;
  service?: ResourceLink;
  port?: string;
  tls: boolean;
  issuer?: string;
  issuerLink?: ResourceLink;
  source: SourceLink;
}

export function endpointRows(model: Model, envName: string): EndpointRow[] {
  const ctx = envContext(model, envName);
  return endpointsOf(ctx.env).map((e) => {
    const route = ctx.env.byKey.get(e.route)!;
    const scheme = e.tls ? 'https' : 'http';
    return {
      host: e.host,
      path: e.path,
      url: e.host === '*' ? '' : `${scheme}://${e.host}${e.path.startsWith('/') ? e.path : `/${e.path}`}`,
      route: resourceLink(ctx, e.route),
      ...(e.service ? { service: resourceLink(ctx, e.service) } : {}),
      ...(e.port ? { port: e.port } : {}),
      tls: e.tls,
      ...(e.issuer ? { issuer: e.issuer } : {}),
      ...(e.issuerKey ? { issuerLink: resourceLink(ctx, e.issuerKey) } : {}),
      source: sourceLink(route.source),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------

export interface BackupInfo {
  /** « À 02:15, tous les jours » */
  schedule: string;
  by: ResourceLink;
  destination?: string;
}

export interface StorageRow {
  resource: ResourceLink;
  /** « Volume (PVC) », « Modèle de volume de StatefulSet », « Cluster PostgreSQL ». */
  type: string;
  namespace?: string;
  size?: string;
  storageClass?: string;
  accessModes: string[];
  usedBy: ResourceLink[];
  backups: BackupInfo[];
  source: SourceLink;
}

function scheduleOf(resource: Resource): string | undefined {
  const spec = specOf(resource);
  if (resource.id.kind === 'Schedule') return asString(asRecord(spec.backup)?.schedule);
  return asString(spec.schedule);
}

export function storageRows(model: Model, envName: string): StorageRow[] {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const rows: StorageRow[] = [];
  const k8up = resourcesOfKind(env, 'Schedule', ['k8up.io']);
  for (const pvc of resourcesOfKind(env, 'PersistentVolumeClaim', [''])) {
    const spec = specOf(pvc);
    const backups = k8up
      .filter((s) => k8upVolumes(ctx, s).some((p) => p.key === pvc.key))
      .map((s) => ({ schedule: describeCron(scheduleOf(s) ?? '').text, by: resourceLink(ctx, s.key), ...(backupDestination(s) ? { destination: backupDestination(s) } : {}) }));
    rows.push({
      resource: resourceLink(ctx, pvc.key),
      type: kindLabel('PersistentVolumeClaim'),
      ...(pvc.id.namespace ? { namespace: pvc.id.namespace } : {}),
      ...(asString(asRecord(asRecord(spec.resources)?.requests)?.storage) ? { size: asString(asRecord(asRecord(spec.resources)?.requests)?.storage) } : {}),
      ...(asString(spec.storageClassName) ? { storageClass: asString(spec.storageClassName) } : {}),
      accessModes: Array.isArray(spec.accessModes) ? spec.accessModes.map(String) : [],
      usedBy: into(ctx, pvc.key, 'uses-pvc').map((r) => resourceLink(ctx, r.from)),
      backups,
      source: sourceLink(pvc.source),
    });
  }
  for (const sts of resourcesOfKind(env, 'StatefulSet', ['apps'])) {
    for (const template of asRecords(specOf(sts).volumeClaimTemplates)) {
      const name = asString(asRecord(template.metadata)?.name);
      if (!name) continue;
      const spec = asRecord(template.spec) ?? {};
      rows.push({
        resource: { ...resourceLink(ctx, sts.key), label: `${name} (modèle du StatefulSet ${sts.id.name})` },
        type: 'Modèle de volume de StatefulSet',
        ...(sts.id.namespace ? { namespace: sts.id.namespace } : {}),
        ...(asString(asRecord(asRecord(spec.resources)?.requests)?.storage) ? { size: asString(asRecord(asRecord(spec.resources)?.requests)?.storage) } : {}),
        ...(asString(spec.storageClassName) ? { storageClass: asString(spec.storageClassName) } : {}),
        accessModes: Array.isArray(spec.accessModes) ? spec.accessModes.map(String) : [],
        usedBy: [resourceLink(ctx, sts.key)],
        backups: [],
        source: sourceLink(sts.source),
      });
    }
  }
  for (const cluster of resourcesOfKind(env, 'Cluster', ['postgresql.cnpg.io'])) {
    const storage = asRecord(specOf(cluster).storage) ?? {};
    const store = backupDestination(cluster);
    const backups = into(ctx, cluster.key, 'backs-up').map((rel) => {
      const backup = env.byKey.get(rel.from);
      const objectStore = asRecords(specOf(cluster).plugins)
        .map((p) => asString(asRecord(p.parameters)?.barmanObjectName))
        .find((n): n is string => n !== undefined);
      const storeResource = objectStore
        ? (env.byKind.get('ObjectStore') ?? []).find((o) => o.id.namespace === cluster.id.namespace && o.id.name === objectStore)
        : undefined;
      const destination = (storeResource && backupDestination(storeResource)) ?? store;
      return {
        schedule: backup ? describeCron(scheduleOf(backup) ?? '').text : 'inconnu',
        by: resourceLink(ctx, rel.from),
        ...(destination ? { destination } : {}),
      };
    });
    rows.push({
      resource: resourceLink(ctx, cluster.key),
      type: kindLabel('Cluster'),
      ...(cluster.id.namespace ? { namespace: cluster.id.namespace } : {}),
      ...(asString(storage.size) ? { size: asString(storage.size) } : {}),
      ...(asString(storage.storageClass) ? { storageClass: asString(storage.storageClass) } : {}),
      accessModes: [],
      usedBy: into(ctx, cluster.key, 'uses-database').map((r) => resourceLink(ctx, r.from)),
      backups,
      source: sourceLink(cluster.source),
    });
  }
  return rows.sort((a, b) => compareText(a.namespace ?? '', b.namespace ?? '') || compareText(a.resource.label, b.resource.label));
}

// ---------------------------------------------------------------------------------------------------------------

export interface ScheduleRow {
  resource: ResourceLink;
  kindLabel: string;
  namespace?: string;
  /** What runs: « tâche », « sauvegarde », « vérification », « purge ». */
  task: string;
  expression: string;
  /** French description (cronstrue), or « Expression … non reconnue ». */
  description: string;
  valid: boolean;
  timeZone: string;
  suspended: boolean;
  target?: ResourceLink;
  source: SourceLink;
}

/** Time zone the controller applies when the manifest names none. */
const DEFAULT_ZONE = {
  CronJob: 'non précisé : fuseau du contrôleur (UTC en général)',
  ScheduledBackup: 'UTC (opérateur CloudNativePG)',
  Schedule: 'UTC (opérateur k8up)',
};

export function scheduleRows(model: Model, envName: string): ScheduleRow[] {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const rows: ScheduleRow[] = [];
  const row = (r: Resource, task: string, expression: string, timeZone: string, extra: Partial<ScheduleRow> = {}): ScheduleRow => {
    const description = describeCron(expression);
    return {
      resource: resourceLink(ctx, r.key),
      kindLabel: kindLabel(r.id.kind),
      ...(r.id.namespace ? { namespace: r.id.namespace } : {}),
      task,
      expression,
      description: description.text,
      valid: description.valid,
      timeZone,
      suspended: specOf(r).suspend === true,
      source: sourceLink(r.source),
      ...extra,
    };
  };
  for (const job of resourcesOfKind(env, 'CronJob', ['batch'])) {
    const spec = specOf(job);
    rows.push(row(job, 'tâche', asString(spec.schedule) ?? '', asString(spec.timeZone) ?? DEFAULT_ZONE.CronJob));
  }
  for (const backup of resourcesOfKind(env, 'ScheduledBackup', ['postgresql.cnpg.io'])) {
    const target = out(ctx, backup.key, 'backs-up')[0];
    rows.push(
      row(backup, 'sauvegarde PostgreSQL', asString(specOf(backup).schedule) ?? '', DEFAULT_ZONE.ScheduledBackup, {
        ...(target ? { target: resourceLink(ctx, target.to) } : {}),
      }),
    );
  }
  const K8UP_TASKS: [string, string][] = [
    ['backup', 'sauvegarde des volumes'],
    ['check', 'vérification du dépôt'],
    ['prune', 'purge des anciennes sauvegardes'],
    ['archive', 'archivage'],
    ['restore', 'restauration'],
  ];
  for (const schedule of resourcesOfKind(env, 'Schedule', ['k8up.io'])) {
    const spec = specOf(schedule);
    for (const [field, task] of K8UP_TASKS) {
      const expression = asString(asRecord(spec[field])?.schedule);
      if (expression) rows.push(row(schedule, task, expression, DEFAULT_ZONE.Schedule));
    }
  }
  return rows.sort((a, b) => compareText(a.namespace ?? '', b.namespace ?? '') || compareText(a.resource.key, b.resource.key) || compareText(a.task, b.task));
}

// ---------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------

export interface NetworkCell {
  to: string;
  toLabel: string;
  allowed: boolean;
  /** Ports allowed by an ingress rule of the destination. */
  ingress: string[];
  /** Ports allowed by an egress rule of the source. */
  egress: string[];
  text: string;
  policies: ResourceLink[];
}

export interface NetworkMatrix {
  /** Flow ends, in column order: namespaces, then Internet, address ranges and « Partout ». */
  ends: { key: string; label: string; href?: string; isolated: boolean }[];
  rows: { from: string; fromLabel: string; cells: NetworkCell[] }[];
}

export function networkMatrix(model: Model, envName: string): NetworkMatrix {
  const ctx = envContext(model, envName);
  const flows = networkFlows(ctx);
  const isolated = new Set(isolatedNamespaces(ctx));
  const special = uniqueSorted(flows.flatMap((f) => [f.from, f.to]).filter((e) => !e.startsWith('ns:')));
  const keys = [...ctx.env.namespaces.map((ns) => `ns:${ns}`), ...special];
  const ends = keys.map((key) => ({
    key,
    label: flowEndLabel(key),
    ...(key.startsWith('ns:') ? { href: namespacePath(ctx.env.name, key.slice(3)) } : {}),
    isolated: key.startsWith('ns:') && isolated.has(key.slice(3)),
  }));
  const rows = keys.map((from) => ({
    from,
    fromLabel: flowEndLabel(from),
    cells: keys.map((to) => {
      const matching = flows.filter((f) => f.from === from && f.to === to);
      const ingress = uniqueSorted(matching.filter((f) => f.direction === 'ingress').flatMap((f) => f.ports));
      const egress = uniqueSorted(matching.filter((f) => f.direction === 'egress').flatMap((f) => f.ports));
      const parts = [...(ingress.length ? [`entrée : ${ingress.join(', ')}`] : []), ...(egress.length ? [`sortie : ${egress.join(', ')}`] : [])];
      return {
        to,
        toLabel: flowEndLabel(to),
        allowed: matching.length > 0,
        ingress,
        egress,
        text: parts.join(' ; ') || '—',
        policies: uniqueSorted(matching.flatMap((f) => f.policies)).map((k) => resourceLink(ctx, k)),
      };
    }),
  }));
  return { ends, rows };
}

// ---------------------------------------------------------------------------------------------------------------

export interface ComponentRow {
  env: string;
  chart: string;
  version?: string;
  repository?: string;
  namespace?: string;
  resource: ResourceLink;
  values: Record<string, string>;
  source: SourceLink;
}

export function componentRows(model: Model, envName?: string): ComponentRow[] {
  const contexts = new Map<string, EnvContext>();
  return model.components
    .filter((c) => envName === undefined || c.env === envName)
    .map((c) => {
      const ctx = contexts.get(c.env) ?? envContext(model, c.env);
      contexts.set(c.env, ctx);
      const resource = ctx.env.byKey.get(c.resource);
      return {
        env: c.env,
        chart: c.chart,
        ...(c.version ? { version: c.version } : {}),
        ...(c.repository ? { repository: c.repository } : {}),
        ...(c.namespace ? { namespace: c.namespace } : {}),
        resource: resourceLink(ctx, c.resource),
        values: c.values,
        source: sourceLink(resource?.source ?? { path: '', line: 0 }),
      };
    })
    .sort((a, b) => compareText(a.env, b.env) || compareText(a.chart, b.chart) || compareText(a.resource.key, b.resource.key));
}
