// Helm charts are documented from the objects that deploy them (Flux HelmRelease, k3s HelmChart / HelmChartConfig,
// Argo CD Application with a chart), never rendered.
import { parse } from 'yaml';
import { asRecord, asRecords, asString } from './fields.ts';
import { compareText, type Environment, type HelmComponent, type Resource } from './model.ts';

const MAX_VALUES = 12;

/** Scalars flattened to dotted paths, shallow ones first: the few values a reader wants to see. */
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
  walk(values, '', 0);
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

function repositoryUrl(env: Environment, resource: Resource, sourceRef: Record<string, unknown> | undefined): string | undefined {
  if (!sourceRef) return undefined;
  const kind = asString(sourceRef.kind);
  const name = asString(sourceRef.name);
  const namespace = asString(sourceRef.namespace) ?? resource.id.namespace;
  const source = (env.byKind.get(kind ?? '') ?? []).find((r) => r.id.name === name && r.id.namespace === namespace);
  return asString(asRecord(source?.object.spec)?.url) ?? (kind && name ? `${kind} ${namespace ? `${namespace}/` : ''}${name}` : undefined);
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
  const spec = asRecord(r.object.spec) ?? {};
  const { group, kind } = r.id;
  if (group === 'helm.toolkit.fluxcd.io' && kind === 'HelmRelease') {
    const chartSpec = asRecord(asRecord(spec.chart)?.spec);
    const chartRef = asRecord(spec.chartRef);
    return component(env, r, asString(chartSpec?.chart) ?? asString(chartRef?.name), {
      version: asString(chartSpec?.version),
      repository: repositoryUrl(env, r, asRecord(chartSpec?.sourceRef) ?? chartRef),
      namespace: asString(spec.targetNamespace) ?? r.id.namespace,
      values: notableValues(spec.values),
    });
  }
  if (group === 'helm.cattle.io' && kind === 'HelmChart') {
    return component(env, r, asString(spec.chart), {
      version: asString(spec.version),
      repository: asString(spec.repo),
      namespace: asString(spec.targetNamespace) ?? r.id.namespace,
      values: notableValues({ ...(asRecord(spec.set) ?? {}), ...(asRecord(parseValuesContent(spec.valuesContent)) ?? {}) }),
    });
  }
  if (group === 'helm.cattle.io' && kind === 'HelmChartConfig') {
    return component(env, r, r.id.name, { namespace: r.id.namespace, values: notableValues(parseValuesContent(spec.valuesContent)) });
  }
  if (group === 'argoproj.io' && kind === 'Application') {
    const sources = [asRecord(spec.source), ...asRecords(spec.sources)].filter((s) => s && s.chart);
    return sources.flatMap((s) => {
      const helm = asRecord(s!.helm);
      return component(env, r, asString(s!.chart), {
        version: asString(s!.targetRevision),
        repository: asString(s!.repoURL),
        namespace: asString(asRecord(spec.destination)?.namespace),
        values: notableValues(asRecord(helm?.valuesObject) ?? parseValuesContent(helm?.values)),
      });
    });
  }
  return [];
}

export function helmComponents(env: Environment): HelmComponent[] {
  return env.resources.flatMap((r) => helmComponentsOf(env, r));
}
