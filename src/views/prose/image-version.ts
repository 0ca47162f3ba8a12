// The image version a workload runs, quoted in prose.
import { parseImage, podsOf, type Model } from '../../infra/index.ts';
import { envContext } from '../context.ts';
import { resourceLink, type ResourceLink } from '../links.ts';
import { IMAGE_KINDS } from '../refs.ts';
import { ProseError, resolveResource } from './resolve.ts';


export interface ImageVersion {
  /** The tag (`1.4.0`), or the digest when the image has no tag. */
  version: string;
  image: string;
  container: string;
  resource: ResourceLink;
}

/** The version of the image a workload runs (its first container — init containers run before it — unless `container` says which). */
export function imageVersion(model: Model, query: { namespace?: string; name: string; container?: string; env?: string }): ImageVersion {
  const element = `<ImageVersion namespace="${query.namespace ?? ''}" name="${query.name}" />`;
  const resource = resolveResource(element, model, { ...query, kinds: IMAGE_KINDS });
  const containers = podsOf(resource)?.containers ?? [];
  const slots = containers.map((c) => ({ container: c.name ?? '', image: c.image ?? '', init: c.init }));
  const slot = query.container ? slots.find((s) => s.container === query.container) : (slots.find((s) => !s.init) ?? slots[0]);
  if (!slot || !slot.image) {
    const names = slots.map((s) => s.container).join(', ') || 'aucun';
    throw new ProseError(
      element,
      query.container ? `aucun conteneur « ${query.container} » (conteneurs : ${names})` : 'aucune image déclarée',
      query.container ? 'Nommez un des conteneurs existants dans container="…".' : 'Déclarez l’image du conteneur dans le manifeste, ou citez le conteneur qui en a une (container="…").',
    );
  }
  const ref = parseImage(slot.image);
  const ctx = envContext(model, resource.id.env);
  return { version: ref.tag ?? ref.digest ?? slot.image, image: slot.image, container: slot.container, resource: resourceLink(ctx, resource.key) };
}
