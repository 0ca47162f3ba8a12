// Helm charts are documented from the objects that deploy them (Flux HelmRelease, k3s HelmChart / HelmChartConfig,
// Argo CD Application with a chart), never rendered.
import { parse } from 'yaml';
import type { Environment, HelmComponent, Resource } from './model.ts';

const MAX_VALUES = 12;

function rec(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Scalars flattened to dotted paths, shallow ones first: the few values a reader wants to see. */
export function notableValues(values: unknown, limit = MAX_VALUES): Record<string, string> {
  const leaves: [string, string, number][] = [];
  const walk = (value: unknown, path: string, depth: number): void => {
    if (depth > 4 || leaves.length > 200) return;
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== 'object' || v === null) && path) leaves.push([path, value.join(', '), depth]);
      return;
    }
    const object = rec(value);
    if (object) {
      for (const key of Object.keys(object).sort()) walk(object[key], path ? `${path}.${key}` : key, depth + 1);
      return;
    }
    if (value !== null && value !== undefined && path) leaves.push([path, String(value), depth]);
  };
  walk(values, '', 0);
  const chosen = [...leaves].sort((a, b) => a[2] - b[2] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  chosen.sort((a, b) => (a[0] < b[0] ? -1 : 1));
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

function repositoryUrl(env: Environment, resource: Resource, sourceRef: Record<string, unknown> | undefined): string | undefined {
  if (!sourceRef) return undefined;
  const kind = str(sourceRef.kind);
  const name = str(sourceRef.name);
  const namespace = str(sourceRef.namespace) ?? resource.id.namespace;
  const source = (env.byKind.get(kind ?? '') ?? []).find((r) => r.id.name === name && r.id.namespace === namespace);
  return str(rec(source?.object.spec)?.url) ?? (kind && name ? `${kind} ${namespace ? `${namespace}/` : ''}${name}` : undefined);
}

function component(env: Environment, r: Resource, chart: string | undefined, rest: Omit<HelmComponent, 'env' | 'resource' | 'chart'>): HelmComponent[] {
  if (!chart) return [];
  const out: HelmComponent = { env: env.name, resource: r.key, chart, values: rest.values };
  if (rest.version !== undefined) out.version = rest.version;
  if (rest.repository !== undefined) out.repository = rest.repository;
  if (rest.namespace !== undefined) out.namespace = rest.namespace;
  return [out];
}

export function helmComponentsOf(env: Environment, r: Resource): HelmComponent[] {
  const spec = rec(r.object.spec) ?? {};
  const { group, kind } = r.id;
  if (group === 'helm.toolkit.fluxcd.io' && kind === 'HelmRelease') {
    const chartSpec = rec(rec(spec.chart)?.spec);
    const chartRef = rec(spec.chartRef);
    return component(env, r, str(chartSpec?.chart) ?? str(chartRef?.name), {
      version: str(chartSpec?.version),
      repository: repositoryUrl(env, r, rec(chartSpec?.sourceRef) ?? chartRef),
      namespace: str(spec.targetNamespace) ?? r.id.namespace,
      values: notableValues(spec.values),
    });
  }
  if (group === 'helm.cattle.io' && kind === 'HelmChart') {
    return component(env, r, str(spec.chart), {
      version: str(spec.version),
      repository: str(spec.repo),
      namespace: str(spec.targetNamespace) ?? r.id.namespace,
      values: notableValues({ ...(rec(spec.set) ?? {}), ...(rec(parseValuesContent(spec.valuesContent)) ?? {}) }),
    });
  }
  if (group === 'helm.cattle.io' && kind === 'HelmChartConfig') {
    return component(env, r, r.id.name, { namespace: r.id.namespace, values: notableValues(parseValuesContent(spec.valuesContent)) });
  }
  if (group === 'argoproj.io' && kind === 'Application') {
    const sources = [rec(spec.source), ...(Array.isArray(spec.sources) ? spec.sources.map(rec) : [])].filter((s) => s && s.chart);
    return sources.flatMap((s) => {
      const helm = rec(s!.helm);
      return component(env, r, str(s!.chart), {
        version: str(s!.targetRevision),
        repository: str(s!.repoURL),
        namespace: str(rec(spec.destination)?.namespace),
        values: notableValues(rec(helm?.valuesObject) ?? parseValuesContent(helm?.values)),
      });
    });
  }
  return [];
}

export function helmComponents(env: Environment): HelmComponent[] {
  return env.resources.flatMap((r) => helmComponentsOf(env, r));
}
