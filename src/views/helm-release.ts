// What a Helm release makes, for its page, and where a deduced object comes from, for its own: the chart, its version
// and source, then the objects its values say it makes (containers with images, hosts, volumes), each linked to its
// page and marked as deduced — or, when no reader knows the chart, that what it makes is not known.
import { compareText, endpointsOf, imageSlotsOf, kindLabel, releaseRole, type Model, type Resource } from '../infra/index.ts';
import { envContext, into, out, uniqueSorted, type EnvContext } from './context.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from './links.ts';
import { parseResourceKey } from './paths.ts';

/** Where a deduced object comes from, for its page. */
export interface DeducedFromView {
  release: ResourceLink;
  chart: string;
  /** French: « déduit des values du chart app-template ». */
  text: string;
  /** The values block that defines it. */
  values: SourceLink;
}

/** One object a release makes, as its page's table shows it. */
export interface MadeObjectRow {
  object: ResourceLink;
  kindLabel: string;
  images: string[];
  hosts: string[];
  /** The claims, Secrets and ConfigMaps its pods use, each linked (to its page, or marked outside the manifests). */
  uses: { link: ResourceLink; text: string }[];
}

export interface ReleaseMakesView {
  chart?: string;
  version?: string;
  repository?: string;
  /** French, how the values were read: « déduits des values du chart app-template ». */
  reading?: string;
  /** French, what the overview makes of it and why: « application : sert jellyfin.example.org ». */
  role?: string;
  objects: MadeObjectRow[];
  /** What the values leave unknown (French phrases). */
  unknown: string[];
  /** French, when the chart is not read: what it makes is not known. */
  notRead?: string;
}

/** « déduit des values du chart app-template » (« déduits » for several objects). */
export function deductionText(chart: string, fidelity: 'chart' | 'convention', several = false): string {
  const deduced = several ? 'déduits' : 'déduit';
  return fidelity === 'chart' ? `${deduced} des values du chart ${chart}` : `${deduced} des values du chart ${chart}, selon la convention courante des charts (noms usuels)`;
}

export function deducedFromView(ctx: EnvContext, resource: Resource): DeducedFromView | undefined {
  const deduced = resource.deduced;
  if (!deduced) return undefined;
  return { release: resourceLink(ctx, deduced.release), chart: deduced.chart, text: deductionText(deduced.chart, deduced.fidelity), values: sourceLink(resource.source) };
}

/** Host and path pairs that reach an object: a route's own, or those routed to a Service that selects it. */
function hostsReaching(ctx: EnvContext, key: string): string[] {
  const services = new Set<string>([key, ...into(ctx, key, 'selects').map((r) => r.from)]);
  return uniqueSorted(
    endpointsOf(ctx.env)
      .filter((e) => e.route === key || (e.service !== undefined && services.has(e.service)))
      .map((e) => `${e.host}${e.path}`),
  );
}

function madeRow(ctx: EnvContext, key: string): MadeObjectRow {
  const resource = ctx.env.byKey.get(key)!;
  const uses = ['uses-pvc', 'uses-secret', 'uses-configmap'] as const;
  return {
    object: resourceLink(ctx, key),
    kindLabel: kindLabel(resource.id),
    images: uniqueSorted(imageSlotsOf(resource).map((s) => s.image)),
    hosts: hostsReaching(ctx, key),
    uses: uses
      .flatMap((type) => out(ctx, key, type))
      .map((r) => {
        const id = parseResourceKey(r.to);
        return { link: resourceLink(ctx, r.to), text: `${kindLabel(id)} ${id.name}` };
      }),
  };
}

/** The release's page section: chart, version, source and what it makes; undefined for a resource that is no release. */
export function releaseMakesView(model: Model, key: string): ReleaseMakesView | undefined {
  const ctx = envContext(model, parseResourceKey(key).env);
  const deduction = ctx.env.deductions.get(key);
  if (!deduction) return undefined;
  const component = model.components.find((c) => c.resource === key);
  const chart = deduction.chart ?? component?.chart;
  const objects = deduction.objects.filter((k) => ctx.env.byKey.has(k)).map((k) => madeRow(ctx, k));
  const role = releaseRole(model, key);
  objects.sort((a, b) => compareText(a.kindLabel, b.kindLabel) || compareText(a.object.label, b.object.label));
  return {
    ...(chart ? { chart } : {}),
    ...((component?.version ?? deduction.version) ? { version: component?.version ?? deduction.version } : {}),
    ...(component?.repository ? { repository: component.repository } : {}),
    ...(role ? { role: `${role.role === 'application' ? 'application' : 'opérateur ou composant de la plateforme'} : ${role.why}` } : {}),
    ...(deduction.reader ? { reading: deductionText(deduction.reader.chart, deduction.reader.fidelity, true) } : {}),
    objects,
    unknown: deduction.unknown,
    ...(deduction.reader
      ? {}
      : {
          notRead: `Les values du chart ${chart ?? '(inconnu)'} ne suivent ni un chart que ce site sait lire (app-template) ni la convention courante (image.repository, ingress.hosts) : ce que la release crée dans le cluster n’est pas connu ici, et n’est pas deviné.`,
        }),
  };
}
