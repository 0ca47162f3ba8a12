// Helm charts are documented from the objects that deploy them (Flux HelmRelease, k3s HelmChart / HelmChartConfig,
// Argo CD Application with a chart), never rendered.
import { parse } from 'yaml';
import { asRecord, asString } from './fields.ts';
import { argoApplicationOf, fluxSourceOf, helmReleaseOf, type ObjectReference } from './kinds/flux.ts';
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

function parseValuesContent(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/** The URL of the source a chart comes from (a Flux repository's `spec.url`), else the source's name. */
function repositoryUrl(env: Environment, resource: Resource, sourceRef: ObjectReference | undefined): string | undefined {
  if (!sourceRef) return undefined;
  const { kind, name } = sourceRef;
  const namespace = sourceRef.namespace ?? resource.id.namespace;
  const source = (env.byKind.get(kind ?? '') ?? []).find((r) => r.id.name === name && r.id.namespace === namespace);
  return (source && fluxSourceOf(source.object).url) ?? (kind ? `${kind} ${namespace ? `${namespace}/` : ''}${name}` : undefined);
}

function component(env: Environment, r: Resource, chart: string | undefined, rest: Omit<HelmComponent, 'env' | 'resource' | 'chart'>): HelmComponent[] {
  if (!chart) return [];
  const out: HelmComponent = { env: env.name, resource: r.key, chart, values: rest.values };
  if (rest.version !== undefined) out.version = rest.version;
  if (rest.repository !== undefined) out.repository = rest.repository;
  if (rest.namespace !== undefined) out.namespace = rest.namespace;
  return [out];
}

/** The registry's `charts` parser of a Flux HelmRelease. */
export function helmReleaseCharts(env: Environment, r: Resource): HelmComponent[] {
  const facts = helmReleaseOf(r.object);
  return component(env, r, facts.chart, {
    version: facts.version,
    repository: repositoryUrl(env, r, facts.chartSource),
    namespace: facts.targetNamespace ?? r.id.namespace,
    values: notableValues(facts.values),
  });
}

/** The registry's `charts` parser of a k3s HelmChart. */
export function k3sHelmChartCharts(env: Environment, r: Resource): HelmComponent[] {
  const spec = asRecord(r.object.spec) ?? {};
  return component(env, r, asString(spec.chart), {
    version: asString(spec.version),
    repository: asString(spec.repo),
    namespace: asString(spec.targetNamespace) ?? r.id.namespace,
    values: notableValues({ ...(asRecord(spec.set) ?? {}), ...(asRecord(parseValuesContent(spec.valuesContent)) ?? {}) }),
  });
}

/** The registry's `charts` parser of a k3s HelmChartConfig: it reconfigures the chart of the same name. */
export function k3sHelmChartConfigCharts(env: Environment, r: Resource): HelmComponent[] {
  const spec = asRecord(r.object.spec) ?? {};
  return component(env, r, r.id.name, { namespace: r.id.namespace, values: notableValues(parseValuesContent(spec.valuesContent)) });
}

/** The registry's `charts` parser of an Argo CD Application: one component per chart source. */
export function argoApplicationCharts(env: Environment, r: Resource): HelmComponent[] {
  const { namespace, sources } = argoApplicationOf(r.object);
  return sources.flatMap((s) =>
    s.chart
      ? component(env, r, s.chart, {
          version: s.targetRevision,
          repository: s.repoURL,
          namespace,
          values: notableValues(s.helmValues ?? parseValuesContent(s.helmValuesText)),
        })
      : [],
  );
}
