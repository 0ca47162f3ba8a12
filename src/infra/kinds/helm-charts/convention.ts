// The values convention of `helm create` that most charts keep: `image.repository` + `image.tag`, `replicaCount`,
// `service.port`, `ingress.enabled` + `ingress.hosts`. Read conservatively: one Deployment, one Service and one
// Ingress named as `helm create` names them (`<release>-<chart>`, or the release's name when it contains the chart's),
// with its labels; an image without a tag is the chart's own version, which the values do not say — said, not guessed.
import type { FieldPath } from '../../model.ts';
import { Field } from '../located.ts';
import { rendered, type ChartReader, type ChartReading, type DeducedObject, type ReleaseIdentity } from './reading.ts';

function fullnameOf(values: Field, release: ReleaseIdentity, chart: string): string {
  const override = values.at('fullnameOverride').string();
  if (override) return override;
  const name = values.at('nameOverride').string() ?? chart;
  return (release.name.includes(name) ? release.name : `${release.name}-${name}`).slice(0, 63).replace(/-+$/, '');
}

function labelsOf(values: Field, release: ReleaseIdentity, chart: string): Record<string, string> {
  return { 'app.kubernetes.io/instance': release.name, 'app.kubernetes.io/name': values.at('nameOverride').string() ?? chart };
}

function deployment(values: Field, release: ReleaseIdentity, chart: string, unknown: string[]): DeducedObject {
  const image = values.at('image');
  const repository = rendered(image.at('repository').string(), release);
  const tag = rendered(image.at('tag').string(), release);
  if (!tag) unknown.push(`image ${repository ?? ''} : sans tag dans les values, c’est la version du chart qui la choisit`.replace('image  :', 'image :'));
  const container = { name: chart, ...(repository && tag ? { image: `${repository}:${tag}` } : {}) };
  const labels = labelsOf(values, release, chart);
  const replicas = values.at('replicaCount');
  const spec = {
    replicas: typeof replicas.value === 'number' ? replicas.value : 1,
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [container] } },
  };
  const object = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: fullnameOf(values, release, chart), labels }, spec };
  const from: (readonly [FieldPath, FieldPath])[] = [
    [[], image.path],
    [['spec', 'replicas'], replicas.path],
    [['spec', 'template', 'spec', 'containers', 0, 'image'], tag ? image.at('tag').path : image.at('repository').path],
  ];
  return { object, block: image.path, from };
}

function service(values: Field, release: ReleaseIdentity, chart: string): DeducedObject | undefined {
  const port = values.at('service', 'port');
  if (typeof port.value !== 'number') return undefined;
  const spec = { type: values.at('service', 'type').string() ?? 'ClusterIP', ports: [{ name: 'http', port: port.value, targetPort: port.value, protocol: 'TCP' }], selector: labelsOf(values, release, chart) };
  const object = { apiVersion: 'v1', kind: 'Service', metadata: { name: fullnameOf(values, release, chart) }, spec };
  return { object, block: values.at('service').path, from: [[[], values.at('service').path], [['spec', 'ports', 0], port.path]] };
}

function ingress(values: Field, release: ReleaseIdentity, chart: string): DeducedObject | undefined {
  const entry = values.at('ingress');
  if (entry.at('enabled').value !== true) return undefined;
  const port = values.at('service', 'port').value;
  const name = fullnameOf(values, release, chart);
  const backend = { service: { name, port: typeof port === 'number' ? { number: port } : { name: 'http' } } };
  const from: (readonly [FieldPath, FieldPath])[] = [[[], entry.path]];
  const rules = entry.at('hosts').items().flatMap((host, h) => {
    const text = rendered(host.string() ?? host.at('host').string(), release);
    if (!text) return [];
    from.push([['spec', 'rules', h], host.path]);
    const paths = host.at('paths').items().map((p) => ({ path: p.string() ?? p.at('path').string() ?? '/', pathType: p.at('pathType').string() ?? 'Prefix', backend }));
    return [{ host: text, http: { paths: paths.length > 0 ? paths : [{ path: '/', pathType: 'Prefix', backend }] } }];
  });
  if (rules.length === 0) return undefined;
  const className = entry.at('className').string();
  const object = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name }, spec: { ...(className ? { ingressClassName: className } : {}), rules } };
  return { object, block: entry.path, from };
}

/**
 * Host names the values write under the convention (`ingress.hosts`, and `httpRoute.hostnames` that charts added
 * since, when enabled), whether or not the rest of the values can be read. A templated name is not a name yet.
 */
export function conventionHostnames(values: Field): string[] {
  const ingress = values.at('ingress');
  const route = values.at('httpRoute');
  const written = [
    ...(ingress.at('enabled').value === true ? ingress.at('hosts').items().map((h) => h.string() ?? h.at('host').string()) : []),
    ...(route.at('enabled').value === true ? route.at('hostnames').items().map((h) => h.string()) : []),
  ];
  return written.filter((host): host is string => typeof host === 'string' && host.length > 0 && !host.includes('{{'));
}

/** The reader of the common convention, for a chart named `chart`. */
function readConvention(chart: string) {
  return (raw: Record<string, unknown>, release: ReleaseIdentity): ChartReading => {
    const values = Field.of(raw);
    const unknown: string[] = [];
    const objects = [deployment(values, release, chart, unknown), service(values, release, chart), ingress(values, release, chart)].filter((o): o is DeducedObject => o !== undefined);
    return { objects, unknown };
  };
}

/** Any chart whose values follow the convention: `image.repository` written as text. */
export function conventionReader(chart: string): ChartReader {
  return {
    chart,
    fidelity: 'convention',
    reads: (_chart, values) => typeof Field.of(values).at('image', 'repository').string() === 'string',
    read: (values, release) => readConvention(chart)(values, release),
  };
}
