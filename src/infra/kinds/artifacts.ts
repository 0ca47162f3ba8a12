// Flux ArtifactGenerator (source.extensions.fluxcd.io): ExternalArtifacts assembled from other sources by copy rules
// (`@alias/pattern` → `@artifact/path`, cp-like: `dir/**` copies the folder's contents, `dir/` the folder itself, a
// file or a glob of files copies files). The loader maps an artifact's folder back to the folder of the source it was
// copied from, so that a Kustomization applying `./staging` of an artifact reads the repository's `apps/staging`.
import type { FieldPath, KubeObject } from '../model.ts';
import type { ObjectReference } from './flux.ts';
import { Field } from './located.ts';

/** One copy rule: `from` split into its source alias and pattern, `to` relative to the artifact's root. */
export interface ArtifactCopy {
  alias: string;
  /** The pattern within the source, without the leading `@alias/` ('' for the source's root). */
  pattern: string;
  /** The destination within the artifact, without `@artifact/` ('' for its root); a trailing `/` means "into". */
  to: string;
  exclude: string[];
  /** `Overwrite` (default), `Merge` or `Extract`. */
  strategy: string;
  at: FieldPath;
}

/** An ExternalArtifact a generator produces. */
export interface GeneratedArtifact {
  name: string;
  namespace?: string;
  /** The generator's sources by alias. */
  sources: Record<string, ObjectReference>;
  copy: ArtifactCopy[];
  at: FieldPath;
}

function withoutPrefix(text: string | undefined, prefix: RegExp): { head: string; rest: string } | undefined {
  const match = text !== undefined ? prefix.exec(text) : null;
  return match ? { head: match[1], rest: text!.slice(match[0].length) } : undefined;
}

function copyRule(field: Field): ArtifactCopy | undefined {
  const from = withoutPrefix(field.at('from').string(), /^@([A-Za-z0-9_-]+)(?:\/|$)/);
  const to = withoutPrefix(field.at('to').string(), /^@(artifact)(?:\/|$)/);
  if (!from || !to) return undefined;
  const exclude = field
    .at('exclude')
    .items()
    .flatMap((item) => item.string() ?? []);
  return { alias: from.head, pattern: from.rest, to: to.rest, exclude, strategy: field.at('strategy').string() ?? 'Overwrite', at: field.path };
}

/** The registry's `artifacts` parser of an ArtifactGenerator (a `pathPattern` generator's templates are skipped). */
export function artifactGeneratorArtifacts(object: KubeObject): GeneratedArtifact[] {
  const spec = Field.of(object).at('spec');
  if (spec.at('pathPattern').written) return [];
  const namespace = Field.of(object).at('metadata', 'namespace').string();
  const sources: Record<string, ObjectReference> = {};
  for (const source of spec.at('sources').records()) {
    const alias = source.at('alias').string();
    const name = source.at('name').string();
    const kind = source.at('kind').string();
    const ns = source.at('namespace').string();
    if (alias && name) sources[alias] = { name, ...(kind ? { kind } : {}), ...(ns ? { namespace: ns } : {}) };
  }
  return spec.at('artifacts').records().flatMap((artifact): GeneratedArtifact[] => {
    const name = artifact.at('name').string();
    if (!name) return [];
    const copy = artifact.at('copy').records().flatMap((rule) => copyRule(rule) ?? []);
    return [{ name, ...(namespace ? { namespace } : {}), sources, copy, at: artifact.path }];
  });
}
