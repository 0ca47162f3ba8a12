// Container image references, parsed the way the container runtime resolves them (docker.io defaults included).

export interface ImageRef {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** A digest, or an explicit tag other than `latest`: the same manifest always deploys the same image. */
  pinned: boolean;
}

const DEFAULT_REGISTRY = 'docker.io';

function looksLikeRegistry(part: string): boolean {
  return part.includes('.') || part.includes(':') || part === 'localhost';
}

export function parseImage(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1) || undefined;
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1) || undefined;
    rest = rest.slice(0, colon);
  }
  let registry = DEFAULT_REGISTRY;
  let repository = rest;
  const firstSlash = rest.indexOf('/');
  if (firstSlash !== -1 && looksLikeRegistry(rest.slice(0, firstSlash))) {
    registry = rest.slice(0, firstSlash);
    repository = rest.slice(firstSlash + 1);
  }
  if (registry === DEFAULT_REGISTRY && repository && !repository.includes('/')) repository = `library/${repository}`;
  const pinned = digest !== undefined || (tag !== undefined && tag !== 'latest');
  return { registry, repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}), pinned };
}

/** The short form people write: `nginx:1.27` rather than `docker.io/library/nginx:1.27`. */
export function shortImageName(image: ImageRef): string {
  const repo =
    image.registry === DEFAULT_REGISTRY ? image.repository.replace(/^library\//, '') : `${image.registry}/${image.repository}`;
  return repo + (image.tag ? `:${image.tag}` : '') + (image.digest ? `@${image.digest}` : '');
}
