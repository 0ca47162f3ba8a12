// The values of an object that the history names when they change: those the Git ↔ cluster comparison reads
// (drift's facts: images, replicas, hosts, TLS, schedules, suspension, storage, chart versions), and three it does
// not, because a cluster export defaults or rewrites them while two commits never do: the CPU and memory each
// container requests and is limited to, the images a HelmRelease's values name (`image: {repository, tag}`, the
// convention of most charts, bjw-s' app-template included), and the version a Flux source follows. Each value says
// which fields it covers, so that a change it names is not named a second time as « autres champs ».
import { asArray, asRecord, asString } from '../fields.ts';
import { comparedFacts, replicasOf, type Fact, type FactComparison } from '../drift/index.ts';
import type { FieldPath } from '../drift/facts.ts';
import { podTemplateOf } from '../kinds/workloads.ts';
import { apiGroupOf, compareText, type KubeObject } from '../model.ts';

export interface HistoryFact {
  slot: string;
  /** French: « image du conteneur app », « répliques ». */
  label: string;
  value: string;
  comparison: FactComparison;
  /** The fields this value is read from: a change under them is this value's change. */
  covers: FieldPath[];
  /** Not written: the API server's default (`replicas` absent → 1, not suspended). */
  defaulted?: true;
}

const WORKLOAD_TEMPLATE_SPEC: Record<string, FieldPath> = {
  Pod: ['spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

function describeResources(resources: unknown): string | undefined {
  const record = asRecord(resources);
  const part = (section: 'requests' | 'limits', label: string): string | undefined => {
    const values = asRecord(record?.[section]);
    const cpu = asString(values?.cpu);
    const memory = asString(values?.memory);
    const items = [...(cpu ? [`CPU ${cpu}`] : []), ...(memory ? [`mémoire ${memory}`] : [])];
    return items.length > 0 ? `${label} ${items.join(', ')}` : undefined;
  };
  const parts = [part('requests', 'demande'), part('limits', 'limite')].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(' ; ') : undefined;
}

/** CPU and memory requests and limits, per container of a workload (and a CloudNativePG Cluster's). */
function resourcesOf(object: KubeObject, group: string, kind: string): HistoryFact[] {
  if (group === 'postgresql.cnpg.io' && kind === 'Cluster') {
    const value = describeResources(asRecord(object.spec)?.resources);
    return value ? [{ slot: 'resources:postgres', label: 'ressources de PostgreSQL', value, comparison: 'text', covers: [['spec', 'resources']] }] : [];
  }
  const template = podTemplateOf(object);
  if (!template) return [];
  const base = WORKLOAD_TEMPLATE_SPEC[kind] ?? ['spec', 'template', 'spec'];
  const facts: HistoryFact[] = [];
  for (const list of ['initContainers', 'containers'] as const) {
    asArray(template.spec[list]).forEach((item, index) => {
      const container = asRecord(item);
      const name = asString(container?.name);
      const value = describeResources(container?.resources);
      if (!name || !value) return;
      const init = list === 'initContainers';
      facts.push({
        slot: `resources:${init ? 'init:' : ''}${name}`,
        label: `ressources du conteneur ${init ? 'd’initialisation ' : ''}${name}`,
        value,
        comparison: 'text',
        covers: [[...base, list, index, 'resources']],
      });
    });
  }
  return facts;
}

const MAX_VALUES_DEPTH = 12;

/**
 * « image du conteneur app (contrôleur sonarr) » for bjw-s' app-template (`controllers.<c>.containers.<name>.image`),
 * else « image de <where it is in the values> ».
 */
function valuesImageLabel(path: readonly (string | number)[]): string {
  const keys = path.filter((p): p is string => typeof p === 'string');
  if (keys[keys.length - 1] === 'image') keys.pop();
  const list = keys.findIndex((k) => k === 'containers' || k === 'initContainers');
  if (list > 0 && keys[list - 2] === 'controllers' && keys[list + 1]) {
    const controller = keys[list - 1];
    const container = keys[list + 1];
    const init = keys[list] === 'initContainers' ? 'd’initialisation ' : '';
    return `image du conteneur ${init}${container}${controller !== container ? ` (contrôleur ${controller})` : ''}`;
  }
  return keys.length > 0 ? `image de ${keys.join('.')}` : 'image des valeurs';
}

/**
 * Images named in a HelmRelease's values: every mapping with a `repository` and a `tag` (or `digest`), the form charts
 * document (`image.repository`, `image.tag`), and every `image: <reference>` string.
 */
function valuesImages(values: unknown): HistoryFact[] {
  const facts: HistoryFact[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (path.length > MAX_VALUES_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    const record = asRecord(value);
    if (!record) return;
    const repository = asString(record.repository);
    const tag = asString(record.tag) ?? (typeof record.tag === 'number' ? String(record.tag) : undefined);
    const digest = asString(record.digest);
    if (repository && (tag || digest)) {
      facts.push({
        slot: `image:values:${path.join('.')}`,
        label: valuesImageLabel(path),
        value: `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`,
        comparison: 'image',
        covers: [['spec', 'values', ...path]],
      });
      return;
    }
    for (const [key, inner] of Object.entries(record)) {
      const image = key === 'image' ? asString(inner) : undefined;
      if (image && /[:@]/.test(image)) {
        facts.push({ slot: `image:values:${[...path, key].join('.')}`, label: valuesImageLabel([...path, key]), value: image, comparison: 'image', covers: [['spec', 'values', ...path, key]] });
      } else walk(inner, [...path, key]);
    }
  };
  walk(values, []);
  return facts;
}

/** What a Flux source follows: an OCI artifact's tag, semver range or digest; a Git branch, tag or commit. */
function sourceVersionOf(object: KubeObject, group: string, kind: string): HistoryFact | undefined {
  if (group !== 'source.toolkit.fluxcd.io' || (kind !== 'OCIRepository' && kind !== 'GitRepository')) return undefined;
  const spec = asRecord(object.spec) ?? {};
  const url = asString(spec.url);
  const ref = asRecord(spec.ref) ?? {};
  const refText = ['tag', 'semver', 'digest', 'branch', 'commit', 'name']
    .map((field) => [field, asString(ref[field])] as const)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => (field === 'tag' || field === 'branch' ? value : `${field} ${value}`))
    .join(', ');
  if (!url && !refText) return undefined;
  return {
    slot: 'source',
    label: kind === 'OCIRepository' ? 'artefact OCI suivi' : 'référence Git suivie',
    value: `${url ?? '?'}${refText ? ` (${refText})` : ''}`,
    comparison: 'text',
    covers: [['spec', 'url'], ['spec', 'ref']],
  };
}

const indices = (value: unknown): number[] => asArray(value).map((_, index) => index);

/**
 * The fields a drift fact is read from. Drift points at a whole list for hosts (`spec.rules`, for the line to show):
 * here each host field, so that a changed backend beside a changed host is still named.
 */
function coversOf(fact: Fact, object: KubeObject): FieldPath[] {
  const path = fact.path;
  if (!path) return [];
  const family = fact.slot.split(':')[0];
  if (family === 'chart') return [path, [...path.slice(0, -1), 'chart']];
  if (family === 'hosts') {
    const spec = asRecord(object.spec) ?? {};
    const last = path[path.length - 1];
    if (last === 'rules') return [...indices(spec.rules).map((i) => [...path, i, 'host']), ...indices(spec.tls).map((i) => ['spec', 'tls', i, 'hosts'])];
    if (last === 'routes') return indices(spec.routes).map((i) => [...path, i, 'match']);
  }
  return [path];
}

/** A drift fact as the history keeps it, with the fields it covers. */
function fromDrift(fact: Fact, object: KubeObject, chartRef: Record<string, unknown> | undefined): HistoryFact {
  // A chart taken from a source (`chartRef`: an OCIRepository, a HelmChart) has its version there: name the source.
  if (fact.slot === 'chart' && chartRef) {
    const value = `${asString(chartRef.kind) ?? 'OCIRepository'} ${asString(chartRef.name) ?? '?'}`;
    return { slot: 'chart', label: 'chart', value, comparison: 'text', covers: [['spec', 'chartRef']] };
  }
  return {
    slot: fact.slot,
    label: fact.label,
    value: fact.value,
    comparison: fact.comparison,
    covers: coversOf(fact, object),
    ...(fact.defaulted ? { defaulted: true as const } : {}),
  };
}

/** Every value of an object the history names, in slot order. */
export function historyFactsOf(object: KubeObject): HistoryFact[] {
  const group = apiGroupOf(asString(object.apiVersion) ?? '');
  const kind = asString(object.kind) ?? '';
  const isHelmRelease = group === 'helm.toolkit.fluxcd.io' && kind === 'HelmRelease';
  const chartRef = isHelmRelease ? asRecord(asRecord(object.spec)?.chartRef) : undefined;
  const drift = [...comparedFacts(object), ...[replicasOf(object)].filter((f): f is Fact => f !== undefined)];
  const facts = [
    ...drift.map((fact) => fromDrift(fact, object, chartRef)),
    ...resourcesOf(object, group, kind),
    ...(isHelmRelease ? valuesImages(asRecord(object.spec)?.values) : []),
    ...[sourceVersionOf(object, group, kind)].filter((f): f is HistoryFact => f !== undefined),
  ];
  const bySlot = new Map<string, HistoryFact>();
  for (const fact of facts) if (!bySlot.has(fact.slot)) bySlot.set(fact.slot, fact);
  return [...bySlot.values()].sort((a, b) => compareText(a.slot, b.slot));
}
