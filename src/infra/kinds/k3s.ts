// k3s' Helm controller: a HelmChart installs a chart (from `repo`, with `set` and `valuesContent`), a HelmChartConfig
// changes the values of a chart k3s installs itself (Traefik, CoreDNS), named like it.
import { parse } from 'yaml';
import type { KubeObject } from '../model.ts';
import type { ChartInstall, InstalledRelease } from './charts.ts';
import { writtenIdentity } from './flux.ts';
import { Field } from './located.ts';

function valuesContent(field: Field): Record<string, unknown> | undefined {
  const text = field.value;
  if (typeof text !== 'string') return undefined;
  try {
    const values = parse(text, { maxAliasCount: 100 }) as unknown;
    return typeof values === 'object' && values !== null && !Array.isArray(values) ? (values as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The registry's `charts` parser of a k3s HelmChart: `set` values, overridden by `valuesContent`. */
export function k3sHelmChartCharts(object: KubeObject): ChartInstall[] {
  const spec = Field.of(object).at('spec');
  const chart = spec.at('chart').string();
  if (!chart) return [];
  const version = spec.at('version').string();
  const repository = spec.at('repo').string();
  const namespace = spec.at('targetNamespace').string();
  return [
    {
      chart,
      ...(version ? { version } : {}),
      ...(repository ? { repository } : {}),
      ...(namespace ? { namespace } : {}),
      ownNamespaceByDefault: true,
      values: { ...(spec.at('set').record() ?? {}), ...(valuesContent(spec.at('valuesContent')) ?? {}) },
      at: { chart: spec.at('chart').path, version: spec.at('version').path },
    },
  ];
}

/** The registry's `release` parser of a k3s HelmChart: the release takes its name, in its target namespace. */
export function k3sHelmChartRelease(object: KubeObject): InstalledRelease {
  const { name, namespace } = writtenIdentity(object);
  const target = Field.of(object).at('spec', 'targetNamespace').string() ?? namespace;
  return {
    name,
    ...(target ? { namespace: target, storageNamespace: target } : {}),
    createsNamespace: Field.of(object).at('spec', 'createNamespace').value === true,
  };
}

/** The registry's `charts` parser of a k3s HelmChartConfig: new values for the chart of the same name. */
export function k3sHelmChartConfigCharts(object: KubeObject): ChartInstall[] {
  const spec = Field.of(object).at('spec');
  return [
    {
      chart: writtenIdentity(object).name,
      ownNamespaceByDefault: true,
      configures: true,
      values: valuesContent(spec.at('valuesContent')),
      at: { chart: ['metadata', 'name'] },
    },
  ];
}
