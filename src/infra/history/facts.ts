// The values of an object that the history names when they change: those the Git ↔ cluster comparison reads
// (drift's facts: images, replicas, hosts, TLS, schedules, suspension, storage, chart versions), and three it does
// not, because a cluster export defaults or rewrites them while two commits never do: the CPU and memory each
// container requests and is limited to, the images a HelmRelease's values name (`image: {repository, tag}`, the
// convention of most charts, bjw-s' app-template included), and the version a Flux source follows. Each value says
// which fields it covers, so that a change it names is not named a second time as « autres champs ».
import { asRecord, asString } from '../fields.ts';
import { comparedFacts, replicasOf, type Fact, type FactComparison } from '../drift/facts.ts';
import type { ChartInstall } from '../kinds/charts.ts';
import { fluxSourceOf } from '../kinds/flux.ts';
import { chartsOf, entryOf, podsOf } from '../kinds/readers.ts';
import type { ComputeResources } from '../kinds/workloads.ts';
import { compareText, type FieldPath, type KubeObject } from '../model.ts';

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

function describeResources(requests: ComputeResources, limits: ComputeResources): string | undefined {
  const part = (values: ComputeResources, label: string): string | undefined => {
    const items = [...(values.cpu ? [`CPU ${values.cpu}`] : []), ...(values.memory ? [`mémoire ${values.memory}`] : [])];
    return items.length > 0 ? `${label} ${items.join(', ')}` : undefined;
  };
  const parts = [part(requests, 'demande'), part(limits, 'limite')].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(' ; ') : undefined;
}

/** CPU and memory requests and limits, per container of a workload (and of what an operator runs: PostgreSQL). */
function resourcesOf(object: KubeObject): HistoryFact[] {
  return (podsOf(object)?.containers ?? []).flatMap((c): HistoryFact[] => {
    const value = describeResources(c.requests, c.limits);
    if (!c.name || !value || !c.at.resources) return [];
    const label = c.software ? `ressources de ${c.software}` : `ressources du conteneur ${c.init ? 'd’initialisation ' : ''}${c.name}`;
    return [{ slot: `resources:${c.init ? 'init:' : ''}${c.name}`, label, value, comparison: 'text', covers: [c.at.resources] }];
  });
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
function valuesImages(values: unknown, at: FieldPath): HistoryFact[] {
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
        covers: [[...at, ...path]],
      });
      return;
    }
    for (const [key, inner] of Object.entries(record)) {
      const image = key === 'image' ? asString(inner) : undefined;
      if (image && /[:@]/.test(image)) {
        facts.push({ slot: `image:values:${[...path, key].join('.')}`, label: valuesImageLabel([...path, key]), value: image, comparison: 'image', covers: [[...at, ...path, key]] });
      } else walk(inner, [...path, key]);
    }
  };
  walk(values, []);
  return facts;
}

/** What a Flux source follows: an OCI artifact's tag, semver range or digest; a Git branch, tag or commit. */
function sourceVersionOf(object: KubeObject): HistoryFact | undefined {
  const kind = object.kind;
  if (!entryOf(object)?.fluxSource || (kind !== 'OCIRepository' && kind !== 'GitRepository')) return undefined;
  const { url, ref, at } = fluxSourceOf(object);
  const refText = Object.entries(ref)
    .map(([field, value]) => (field === 'tag' || field === 'branch' ? value : `${field} ${value}`))
    .join(', ');
  if (!url && !refText) return undefined;
  return {
    slot: 'source',
    label: kind === 'OCIRepository' ? 'artefact OCI suivi' : 'référence Git suivie',
    value: `${url ?? '?'}${refText ? ` (${refText})` : ''}`,
    comparison: 'text',
    covers: [at.url, at.ref],
  };
}

/** A drift fact as the history keeps it, with the fields it covers. */
function fromDrift(fact: Fact, fromSource: ChartInstall | undefined): HistoryFact {
  // A chart taken from a source (`chartRef`: an OCIRepository, a HelmChart) has its version there: name the source.
  if (fact.slot === 'chart' && fromSource) {
    const value = `${fromSource.source?.kind ?? 'OCIRepository'} ${fromSource.source?.name ?? '?'}`;
    return { slot: 'chart', label: 'chart', value, comparison: 'text', covers: [fromSource.at.chart] };
  }
  return {
    slot: fact.slot,
    label: fact.label,
    value: fact.value,
    comparison: fact.comparison,
    covers: fact.covers,
    ...(fact.defaulted ? { defaulted: true as const } : {}),
  };
}

/** Every value of an object the history names, in slot order. */
export function historyFactsOf(object: KubeObject): HistoryFact[] {
  const charts = chartsOf(object);
  const drift = [...comparedFacts(object), ...[replicasOf(object)].filter((f): f is Fact => f !== undefined)];
  const facts = [
    ...drift.map((fact) => fromDrift(fact, charts.find((c) => c.fromSource))),
    ...resourcesOf(object),
    // Images in the values of a chart given as one field (a HelmRelease's `spec.values`).
    ...charts.flatMap((c) => (c.at.values ? valuesImages(c.values, c.at.values) : [])),
    ...[sourceVersionOf(object)].filter((f): f is HistoryFact => f !== undefined),
  ];
  const bySlot = new Map<string, HistoryFact>();
  for (const fact of facts) if (!bySlot.has(fact.slot)) bySlot.set(fact.slot, fact);
  return [...bySlot.values()].sort((a, b) => compareText(a.slot, b.slot));
}
