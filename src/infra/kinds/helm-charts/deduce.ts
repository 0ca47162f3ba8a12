// The objects HelmReleases make, deduced from their values by the chart readers, as resources of the environment: a
// workload, Service, route or claim deduced this way joins the relations, checks, tables and diagrams like one
// written in a manifest, marked with the release and chart it comes from, and located at the values' lines.
import { asStringMap } from '../../fields.ts';
import {
  createEnvironment,
  resourceKey,
  type Environment,
  type FieldLines,
  type FieldPath,
  type KubeObject,
  type ReleaseDeduction,
  type Resource,
  type SourceLocation,
} from '../../model.ts';
import { fluxSourceOf } from '../flux.ts';
import { chartsOf, entryOf, releaseOf } from '../readers.ts';
import { chartReaderFor } from './index.ts';
import type { DeducedObject, ReleaseIdentity } from './reading.ts';
import type { LocatedValues } from './values.ts';

/** `oci://ghcr.io/bjw-s-labs/helm/app-template` → `app-template`. */
function chartOfUrl(url: string | undefined): string | undefined {
  const last = url?.replace(/\/+$/, '').split('/').pop();
  return last ? last.replace(/[:@].*$/, '') : undefined;
}

/**
 * The chart a release installs and its version: named in it, or the artifact of the source its `chartRef` names (an
 * OCIRepository: the chart is its URL's last segment, the version its `ref.tag`, `ref.semver` or `ref.digest`).
 */
function chartOf(env: Environment, release: Resource): { chart?: string; version?: string } {
  const install = chartsOf(release)[0];
  if (!install) return {};
  if (!install.fromSource) return { chart: install.chart, ...(install.version ? { version: install.version } : {}) };
  const ref = install.source;
  const namespace = ref?.namespace ?? release.id.namespace;
  const source = (env.byKind.get(ref?.kind ?? '') ?? []).find((r) => r.id.name === ref?.name && r.id.namespace === namespace);
  if (!source) return {};
  const facts = fluxSourceOf(source.object);
  const chart = chartOfUrl(facts.url);
  const version = facts.ref.tag ?? facts.ref.semver ?? facts.ref.digest;
  return { ...(chart ? { chart } : {}), ...(version ? { version } : {}) };
}

/** `.Release.Name` and `.Release.Namespace` as helm-controller installs it (the loader's namespace for the release). */
function identityOf(release: Resource): ReleaseIdentity {
  const installed = releaseOf(release);
  const namespace = chartsOf(release)[0]?.namespace ?? release.id.namespace;
  return { name: installed?.name ?? release.id.name, ...(namespace ? { namespace } : {}) };
}

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => key === path[i]);
}

/** A deduced object's field lines: those of the values each field comes from, in the file the object is placed in. */
function linesOf(deduced: DeducedObject, values: LocatedValues, source: SourceLocation): FieldLines {
  const prefixes = [...deduced.from].sort((a, b) => b[0].length - a[0].length);
  return {
    lineOf(path: FieldPath): number | undefined {
      const match = prefixes.find(([prefix]) => startsWith(path, prefix));
      const location = match ? values.locate(match[1]) : undefined;
      return location && location.path === source.path ? location.line : undefined;
    },
  };
}

function deducedResource(env: Environment, release: Resource, chart: string, fidelity: 'chart' | 'convention', deduced: DeducedObject, values: LocatedValues, namespace: string | undefined): Resource {
  const object: KubeObject = { ...deduced.object, metadata: { ...deduced.object.metadata, ...(namespace ? { namespace } : {}) } };
  const apiVersion = String(object.apiVersion);
  const slash = apiVersion.indexOf('/');
  const id = { env: env.name, group: slash === -1 ? '' : apiVersion.slice(0, slash), kind: String(object.kind), ...(namespace ? { namespace } : {}), name: String(object.metadata?.name) };
  const source = values.locate(deduced.block) ?? release.source;
  return {
    id,
    key: resourceKey(id),
    apiVersion,
    labels: asStringMap(object.metadata?.labels),
    annotations: asStringMap(object.metadata?.annotations),
    source,
    lines: linesOf(deduced, values, source),
    object,
    deduced: { release: release.key, chart, fidelity },
  };
}

/** What one release makes, by its chart's reader: the deduction, and the resources the manifests do not write already. */
function deduceRelease(env: Environment, release: Resource, readValues: (env: Environment, release: Resource) => LocatedValues): { deduction: ReleaseDeduction; resources: Resource[] } {
  const { chart, version } = chartOf(env, release);
  const values = readValues(env, release);
  const reader = chart ? chartReaderFor(chart, values.values) : undefined;
  const deduction: ReleaseDeduction = { release: release.key, ...(chart ? { chart } : {}), ...(version ? { version } : {}), objects: [], unknown: [...values.unknown] };
  if (!chart || !reader) return { deduction, resources: [] };
  deduction.reader = { chart, fidelity: reader.fidelity };
  const identity = identityOf(release);
  const reading = reader.read(values.values, identity, chart);
  deduction.unknown.push(...reading.unknown);
  const resources = reading.objects
    .map((o) => deducedResource(env, release, chart, reader.fidelity, o, values, identity.namespace))
    .filter((r) => !env.byKey.has(r.key));
  deduction.objects = resources.map((r) => r.key);
  return { deduction, resources };
}

/**
 * The environment with the objects its HelmReleases make (deduced from their values) beside those written, and what
 * each release's values say. A deduced object the manifests also write, or another release also deduces, is kept once.
 */
export function withDeducedObjects(env: Environment): Environment {
  const releases = env.resources.flatMap((r) => {
    const readValues = entryOf(r)?.chartValues;
    return readValues && !r.deduced && chartsOf(r).length > 0 ? [{ release: r, readValues }] : [];
  });
  if (releases.length === 0) return env;
  const deductions = new Map<string, ReleaseDeduction>();
  const added = new Map<string, Resource>();
  for (const { release, readValues } of releases) {
    const { deduction, resources } = deduceRelease(env, release, readValues);
    for (const r of resources) if (!added.has(r.key)) added.set(r.key, r);
    deduction.objects = deduction.objects.filter((key) => added.get(key)?.deduced?.release === release.key);
    deductions.set(release.key, deduction);
  }
  return createEnvironment(env.name, [...env.resources, ...added.values()], deductions);
}
