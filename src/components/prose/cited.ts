// The attributes of a prose component that cites one resource of the manifests (checked in MDX by
// CHECKED_COMPONENTS in src/views/refs.ts, which also injects `href`).
export interface CitedResourceProps {
  /** Omitted for a kind without namespace; required (the MDX check says so) for the others. */
  namespace?: string;
  name: string;
  /** Default: the site's default environment (ffe.config.ts). */
  env?: string;
  /** Set by the MDX check: the page of the cited resource. */
  href?: string;
}
