// Counts quoted in prose: how many resources of a kind, with the French noun agreeing.
import { plural, type Model } from '../../infra/index.ts';
import { resolveKind } from '../refs.ts';
import { ProseError } from './resolve.ts';

/** How many resources of a kind an environment (or one of its namespaces) has. */
export function countOf(model: Model, query: { kind: string; namespace?: string; env: string | undefined }): number {
  const result = resolveKind(model, query);
  if (!result.ok) throw new ProseError(`<Count kind="${query.kind}" />`, result.message);
  return result.resources.length;
}

/** `8 applications` when `one`/`other` are given, else the bare number. */
export function countText(count: number, one?: string, other?: string): string {
  if (!one) return String(count);
  return plural(count, one, other ?? `${one}s`);
}
