// Helm charts are documented from the objects that deploy them (Flux HelmRelease, k3s HelmChart / HelmChartConfig,
// Argo CD Application with a chart: whatever kind has a `charts` parser), never rendered.
import { asRecord } from './fields.ts';
import type { ChartInstall } from './kinds/charts.ts';
import { chartSourceOf, fluxSourceOf, type ObjectReference } from './kinds/flux.ts';
import { chartsOf } from './kinds/readers.ts';
import { compareText, type Environment, type HelmComponent, type Resource } from './model.ts';
import { maskHelmValues } from './secret-mask.ts';

const MAX_VALUES = 12;

/** Scalars flattened to dotted paths, shallow ones first: the few values a reader wants to see (secrets masked). */
export function notableValues(values: unknown, limit = MAX_VALUES): Record<string, string> {
  const leaves: [string, string, number][] = [];
  const walk = (value: unknown, path: string, depth: number): void => {
    if (depth > 4 || leaves.length > 200) return;
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== 'object' || v === null) && path) leaves.push([path, value.join(', '), depth]);
      return;
    }
    const object = asRecord(value);
    if (object) {
      for (const key of Object.keys(object).sort()) walk(object[key], path ? `${path}.${key}` : key, depth + 1);
      return;
    }
    if (value !== null && value !== undefined && path) leaves.push([path, String(value), depth]);
  };
  walk(maskHelmValues(values), '', 0);
  const chosen = [...leaves].sort((a, b) => a[2] - b[2] || compareText(a[0], b[0])).slice(0, limit);
  chosen.sort((a, b) => compareText(a[0], b[0]));
  return Object.fromEntries(chosen.map(([k, v]) => [k, v]));
}

function sourceOf(env: Environment, resource: Resource, sourceRef: ObjectReference | undefined): Resource | undefined {
  if (!sourceRef) return undefined;
  const namespace = sourceRef.namespace ?? resource.id.namespace;
  return (env.byKind.get(sourceRef.kind ?? '') ?? []).find((r) => r.id.name === sourceRef.name && r.id.namespace === namespace);
}

/** The URL of the source a chart comes from (a Flux repository's `spec.url`), else the source's name. */
function repositoryUrl(source: Resource | undefined, sourceRef: ObjectReference | undefined, namespace: string | undefined): string | undefined {
  if (!sourceRef) return undefined;
  const { kind, name } = sourceRef;
  const ns = sourceRef.namespace ?? namespace;
  return (source && fluxSourceOf(source.object).url) ?? (kind ? `${kind} ${ns ? `${ns}/` : ''}${name}` : undefined);
}

function component(env: Environment, r: Resource, written: ChartInstall): HelmComponent {
  const source = sourceOf(env, r, written.source);
  // A chart named by `chartRef` is its source's artifact: its name and version are the source's.
  const served = written.fromSource && source ? chartSourceOf(source.object) : {};
  const install = { ...written, ...(served.chart ? { chart: served.chart } : {}), ...(written.version === undefined && served.version ? { version: served.version } : {}) };
  const out: HelmComponent = { env: env.name, resource: r.key, chart: install.chart, values: notableValues(install.values) };
  const repository = install.repository ?? repositoryUrl(source, install.source, r.id.namespace);
  const namespace = install.namespace ?? (install.ownNamespaceByDefault ? r.id.namespace : undefined);
  if (install.version !== undefined) out.version = install.version;
  if (repository !== undefined) out.repository = repository;
  if (namespace !== undefined) out.namespace = namespace;
  return out;
}

/** The Helm charts an environment installs (or configures), read from every resource whose kind installs charts. */
export function helmComponents(env: Environment): HelmComponent[] {
  return env.resources.flatMap((r) => chartsOf(r).map((install) => component(env, r, install)));
}
