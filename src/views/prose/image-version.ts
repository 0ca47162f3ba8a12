// The image version a workload runs, quoted in prose.
import type { Model } from '../../infra/model.ts';
import { parseImage } from '../../infra/images.ts';
import { containersOf, isWorkload, podTemplateOf } from '../../infra/workloads.ts';
import { asString, specOf } from '../../infra/fields.ts';
import { envContext } from '../context.ts';
import { resourceLink, type ResourceLink } from '../links.ts';
import { ProseError, resolveResource } from './resolve.ts';

/** Kinds whose pods run an image; a CNPG Cluster runs its PostgreSQL image. */
export const IMAGE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'Cluster'] as const;

export interface ImageVersion {
  /** The tag (`1.4.0`), or the digest when the image has no tag. */
  version: string;
  image: string;
  container: string;
  resource: ResourceLink;
}

/** The version of the image a workload runs (its first container unless `container` says which). */
export function imageVersion(model: Model, query: { namespace?: string; name: string; container?: string; env?: string }): ImageVersion {
  const element = `<ImageVersion namespace="${query.namespace ?? ''}" name="${query.name}" />`;
  const resource = resolveResource(element, model, { ...query, kinds: IMAGE_KINDS });
  const slots: { container: string; image: string }[] = isWorkload(resource)
    ? containersOf(podTemplateOf(resource.object)!.spec).map((c) => ({ container: c.name, image: c.image ?? '' }))
    : [{ container: 'postgres', image: asString(specOf(resource).imageName) ?? '' }];
  const slot = query.container ? slots.find((s) => s.container === query.container) : slots[0];
  if (!slot || !slot.image) {
    const names = slots.map((s) => s.container).join(', ') || 'aucun';
    throw new ProseError(element, query.container ? `aucun conteneur « ${query.container} » (conteneurs : ${names})` : 'aucune image déclarée');
  }
  const ref = parseImage(slot.image);
  const ctx = envContext(model, resource.id.env);
  return { version: ref.tag ?? ref.digest ?? slot.image, image: slot.image, container: slot.container, resource: resourceLink(ctx, resource.key) };
}
