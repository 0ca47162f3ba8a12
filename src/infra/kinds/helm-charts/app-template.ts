// bjw-s `app-template` (common library 3.x and 4.x): the chart that turns values into any application. Its values
// say everything it renders — `controllers.*` (Deployments, StatefulSets, DaemonSets, CronJobs, Jobs, each with its
// containers and images), `service.*` (ports), `route.*` (Gateway API routes: hostnames, parentRefs, rules),
// `ingress.*` (hosts), `persistence.*` (claims made or existing, other volumes, where each is mounted),
// `defaultPodOptions` — and names what it makes as the library does (`determineResourceNameFromValues`): the release's
// name, `-<identifier>` appended when there are several of a kind, `prefix`/`suffix`/`forceRename` applied.
import { asRecord, asString } from '../../fields.ts';
import type { FieldPath } from '../../model.ts';
import { Field } from '../located.ts';
import { enabledEntries, namingOf, resourceName, selectorLabels, type Naming } from './app-template-naming.ts';
import { claimObject, configObjects, madeName, mountsOf, persistenceVolumes, volumesOf, type Mount, type Volume } from './app-template-persistence.ts';
import { trafficObjects } from './app-template-traffic.ts';
import { rendered, type ChartReader, type ChartReading, type DeducedObject, type ReleaseIdentity } from './reading.ts';

const CONTROLLER_KINDS: Record<string, { apiVersion: string; kind: string }> = {
  deployment: { apiVersion: 'apps/v1', kind: 'Deployment' },
  statefulset: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  daemonset: { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  cronjob: { apiVersion: 'batch/v1', kind: 'CronJob' },
  job: { apiVersion: 'batch/v1', kind: 'Job' },
};

/** `repository:tag@digest`, as the library's `imageSpecificationToImage`; the field a reader should be pointed at. */
function imageOf(image: Field, release: ReleaseIdentity): { image?: string; at: FieldPath } {
  const repository = rendered(image.at('repository').string(), release);
  const tag = rendered(image.at('tag').string(), release);
  const digest = image.at('digest').string();
  const at = image.at('tag').written ? image.at('tag').path : image.at('repository').path;
  if (!repository) return { at };
  const withTag = tag ? `${repository}:${tag}` : repository;
  return { image: digest && !withTag.includes('@') ? `${withTag}@${digest}` : withTag, at };
}

/** `envFrom`: `secretRef`/`configMapRef` as Kubernetes writes them, or the library's `secret:`/`configMap:` shorthands. */
function envFromOf(list: Field, values: Field, naming: Naming): { item: Record<string, unknown>; at: FieldPath }[] {
  const release = naming.release;
  const nameOf = (ref: Field, shorthand: Field, made: 'configMaps' | 'secrets'): string | undefined =>
    rendered(ref.at('name').string(), release) ?? madeName(values, naming, made, ref.at('identifier').string() ?? shorthand.string()) ?? rendered(shorthand.string(), release);
  return list.records().flatMap((entry): { item: Record<string, unknown>; at: FieldPath }[] => {
    const secret = nameOf(entry.at('secretRef'), entry.at('secret'), 'secrets');
    const config = nameOf(entry.at('configMapRef'), entry.at('configMap'), 'configMaps');
    const optional = entry.at('secretRef', 'optional').value === true || entry.at('configMapRef', 'optional').value === true;
    if (secret) return [{ item: { secretRef: { name: secret, ...(optional ? { optional } : {}) } }, at: entry.path }];
    if (config) return [{ item: { configMapRef: { name: config, ...(optional ? { optional } : {}) } }, at: entry.path }];
    return [];
  });
}

/** `env` entries read from a Secret or ConfigMap (literal values are not repeated: the values already show them). */
function envRefsOf(env: Field): { item: Record<string, unknown>; at: FieldPath }[] {
  const entries: [string | undefined, Field][] = Array.isArray(env.value)
    ? env.records().map((e) => [e.at('name').string(), e])
    : env.entries().map(([name, e]) => [name, e]);
  return entries.flatMap(([name, entry]) => {
    const from = entry.at('valueFrom').record() ?? (entry.at('secretKeyRef').record() || entry.at('configMapKeyRef').record() ? { secretKeyRef: entry.at('secretKeyRef').value, configMapKeyRef: entry.at('configMapKeyRef').value } : undefined);
    if (!name || !from) return [];
    const valueFrom = Object.fromEntries(Object.entries(from).filter(([, v]) => v !== undefined));
    return [{ item: { name, valueFrom }, at: entry.path }];
  });
}

interface BuiltContainer {
  container: Record<string, unknown>;
  from: [FieldPath, FieldPath][];
}

function containerOf(id: string, entry: Field, at: FieldPath, context: { values: Field; naming: Naming }, mounts: Mount[], unknown: string[]): BuiltContainer {
  const image = imageOf(entry.at('image'), context.naming.release);
  if (!image.image) unknown.push(`image du conteneur ${id} : non écrite ou calculée par un modèle`);
  else if (!entry.at('image', 'tag').written && !entry.at('image', 'digest').written) unknown.push(`image du conteneur ${id} : sans tag`);
  const envFrom = envFromOf(entry.at('envFrom'), context.values, context.naming);
  const env = envRefsOf(entry.at('env'));
  const container: Record<string, unknown> = { name: id, ...(image.image ? { image: image.image } : {}) };
  const from: [FieldPath, FieldPath][] = [[at, entry.path], [[...at, 'name'], entry.path], [[...at, 'image'], image.at]];
  if (env.length > 0) container.env = env.map((e) => e.item);
  env.forEach((e, i) => from.push([[...at, 'env', i], e.at]));
  if (envFrom.length > 0) container.envFrom = envFrom.map((e) => e.item);
  envFrom.forEach((e, i) => from.push([[...at, 'envFrom', i], e.at]));
  const resources = entry.at('resources').record();
  if (resources) {
    container.resources = resources;
    from.push([[...at, 'resources'], entry.at('resources').path]);
  }
  const own = mounts.filter((m) => m.container === undefined || m.container === id);
  if (own.length > 0) container.volumeMounts = own.map((m) => m.mount);
  own.forEach((m, i) => from.push([[...at, 'volumeMounts', i], m.at]));
  return { container, from };
}

/** Pod fields a reader or a check cares about, from `defaultPodOptions` overwritten key by key by `controllers.*.pod`. */
const POD_FIELDS = ['securityContext', 'hostNetwork', 'hostPID', 'nodeSelector', 'priorityClassName', 'runtimeClassName', 'tolerations', 'affinity', 'topologySpreadConstraints', 'resourceClaims'];

function podOptions(values: Field, controller: Field): { fields: Record<string, unknown>; from: [string, FieldPath][] } {
  const fields: Record<string, unknown> = {};
  const from: [string, FieldPath][] = [];
  for (const name of POD_FIELDS) {
    const own = controller.at('pod', name);
    const fallback = values.at('defaultPodOptions', name);
    const chosen = own.written ? own : fallback.written ? fallback : undefined;
    if (!chosen || chosen.value === null) continue;
    fields[name] = chosen.value;
    from.push([name, chosen.path]);
  }
  return { fields, from };
}

function controllerObject(values: Field, naming: Naming, id: string, entry: Field, count: number, volumes: Volume[], unknown: string[]): DeducedObject | undefined {
  const type = entry.at('type').string() ?? 'deployment';
  const kind = CONTROLLER_KINDS[type];
  const name = resourceName(naming, id, entry, count);
  if (!kind || !name) {
    unknown.push(!kind ? `contrôleur ${id} : type « ${type} » inconnu` : `contrôleur ${id} : nom calculé par un modèle`);
    return undefined;
  }
  const template: FieldPath = type === 'cronjob' ? ['spec', 'jobTemplate', 'spec', 'template'] : ['spec', 'template'];
  const from: (readonly [FieldPath, FieldPath])[] = [[[], entry.path]];
  const mounts = mountsOf(volumes, id);
  const containers = enabledEntries(entry.at('containers')).map(([cid, c], i) => containerOf(cid, c, [...template, 'spec', 'containers', i], { values, naming }, mounts, unknown));
  const inits = enabledEntries(entry.at('initContainers')).map(([cid, c], i) => containerOf(cid, c, [...template, 'spec', 'initContainers', i], { values, naming }, mounts, unknown));
  for (const c of [...containers, ...inits]) from.push(...c.from);
  const pod = podOptions(values, entry);
  for (const [field, path] of pod.from) from.push([[...template, 'spec', field], path]);
  const podVolumes = volumesOf(volumes, id);
  podVolumes.forEach((v, i) => from.push([[...template, 'spec', 'volumes', i], v.at]));
  const labels = { ...selectorLabels(naming, id), ...stringMap(values.at('defaultPodOptions', 'labels').value), ...stringMap(entry.at('pod', 'labels').value) };
  const podSpec = {
    ...pod.fields,
    containers: containers.map((c) => c.container),
    ...(inits.length > 0 ? { initContainers: inits.map((c) => c.container) } : {}),
    ...(podVolumes.length > 0 ? { volumes: podVolumes.map((v) => v.volume) } : {}),
  };
  const podTemplate = { metadata: { labels }, spec: podSpec };
  const replicas = entry.at('replicas');
  const spec: Record<string, unknown> =
    type === 'cronjob'
      ? { schedule: entry.at('cronjob', 'schedule').string() ?? '', jobTemplate: { spec: { template: podTemplate } } }
      : type === 'job'
        ? { template: podTemplate }
        : { ...(type !== 'daemonset' && replicas.value !== null ? { replicas: typeof replicas.value === 'number' ? replicas.value : 1 } : {}), selector: { matchLabels: selectorLabels(naming, id) }, template: podTemplate };
  if (replicas.written) from.push([['spec', 'replicas'], replicas.path]);
  if (type === 'cronjob') from.push([['spec', 'schedule'], entry.at('cronjob', 'schedule').path]);
  const object = { apiVersion: kind.apiVersion, kind: kind.kind, metadata: { name, labels: selectorLabels(naming, id) }, spec };
  return { object, block: entry.path, from };
}

function stringMap(value: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(asRecord(value) ?? {}).flatMap(([k, v]) => (asString(v) !== undefined ? [[k, asString(v)!]] : [])));
}

function readAppTemplate(raw: Record<string, unknown>, release: ReleaseIdentity, chart: string): ChartReading {
  const values = Field.of(raw);
  const naming = namingOf(values, release, chart === 'app-template' ? release.name : chart);
  const unknown: string[] = [];
  const controllers = enabledEntries(values.at('controllers'));
  const volumes = persistenceVolumes(values, naming, unknown);
  const objects: DeducedObject[] = [];
  for (const [id, entry] of controllers) {
    const object = controllerObject(values, naming, id, entry, controllers.length, volumes, unknown);
    if (object) objects.push(object);
  }
  const claims = volumes.flatMap((v) => (v.claim ? [claimObject(v, naming.release)] : []));
  objects.push(...claims, ...configObjects(values, naming));
  objects.push(...trafficObjects(values, naming, controllers.map(([id]) => id), unknown));
  return { objects, unknown };
}

/**
 * Values shaped as the bjw-s common library reads them: a chart of its own built on that library (its values under
 * `controllers.*.containers.*`) renders them as app-template does — what its own defaults add (an image, a Service)
 * is not in the values, and is said so.
 */
function commonLibraryValues(values: Record<string, unknown>): boolean {
  return enabledEntries(Field.of(values).at('controllers')).some(([, c]) => enabledEntries(c.at('containers')).length > 0);
}

/** The registry entry of app-template: any release of a chart of that name, or of a chart built on its library. */
export const APP_TEMPLATE: ChartReader = {
  chart: 'app-template',
  fidelity: 'chart',
  reads: (chart, values) => chart === 'app-template' || commonLibraryValues(values),
  read: readAppTemplate,
};
