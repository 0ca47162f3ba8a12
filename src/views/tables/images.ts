// The images every workload runs, compared slot by slot (resource and container) across environments.
import { compareText, imageSlotsOf, parseImage, shortImageName, type Model, type Resource } from '../../infra/index.ts';
import { envContext } from '../context.ts';
import { deductionText } from '../helm-release.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from '../links.ts';

export interface ImageRow {
  env: string;
  resource: ResourceLink;
  namespace?: string;
  container: string;
  image: string;
  /** `nginx:1.27` rather than `docker.io/library/nginx:1.27`. */
  shortName: string;
  repository: string;
  tag?: string;
  digest?: string;
  pinned: boolean;
  /** The same slot (resource and container) runs another image in another environment. */
  differs: boolean;
  /** Image of the same slot in the other environments. */
  elsewhere: { env: string; image: string }[];
  source: SourceLink;
  /** Not written in a manifest: « déduit des values du chart app-template ». */
  deduced?: string;
}

interface ImageSlot {
  resource: Resource;
  container: string;
  image: string;
}

/** Each container of a resource that names an image: a slot compared across environments. */
function imageSlots(resource: Resource): ImageSlot[] {
  return imageSlotsOf(resource).map(({ container, image }) => ({ resource, container, image }));
}

const slotId = (slot: ImageSlot): string =>
  [slot.resource.id.group, slot.resource.id.kind, slot.resource.id.namespace ?? '', slot.resource.id.name, slot.container].join('\u0000');

/** Images of every environment (or one), compared slot by slot across environments. */
export function imageRows(model: Model, envName?: string): ImageRow[] {
  const slotsByEnv = new Map<string, Map<string, ImageSlot>>();
  for (const env of model.environments) {
    const slots = new Map<string, ImageSlot>();
    for (const r of env.resources) for (const slot of imageSlots(r)) slots.set(slotId(slot), slot);
    slotsByEnv.set(env.name, slots);
  }
  const rows: ImageRow[] = [];
  for (const env of model.environments) {
    if (envName !== undefined && env.name !== envName) continue;
    const ctx = envContext(model, env.name);
    for (const [id, slot] of slotsByEnv.get(env.name)!) {
      const ref = parseImage(slot.image);
      const elsewhere = [...slotsByEnv]
        .filter(([name, slots]) => name !== env.name && slots.has(id))
        .map(([name, slots]) => ({ env: name, image: slots.get(id)!.image }));
      rows.push({
        env: env.name,
        resource: resourceLink(ctx, slot.resource.key),
        ...(slot.resource.id.namespace ? { namespace: slot.resource.id.namespace } : {}),
        container: slot.container,
        image: slot.image,
        shortName: shortImageName(ref),
        repository: `${ref.registry}/${ref.repository}`,
        ...(ref.tag ? { tag: ref.tag } : {}),
        ...(ref.digest ? { digest: ref.digest } : {}),
        pinned: ref.pinned,
        differs: elsewhere.some((e) => e.image !== slot.image),
        elsewhere,
        source: sourceLink(slot.resource.source),
        ...(slot.resource.deduced ? { deduced: deductionText(slot.resource.deduced.chart, slot.resource.deduced.fidelity) } : {}),
      });
    }
  }
  return rows.sort(
    (a, b) => compareText(a.env, b.env) || compareText(a.resource.key, b.resource.key) || compareText(a.container, b.container),
  );
}
