// Two environments compared: objects paired by identity (pairs.ts), versions ordered (versions.ts), and each
// difference traced to the lines that make it (trace.ts), with the comments written there as its reasons.
import { compareText, type Environment, type Model } from '../model.ts';
import type { OverlayLine } from './overlay-file.ts';
import { generatorNameOf, pairEnvironments, type PairComparison, type PairDifference, type ResourcePair } from './pairs.ts';
import { inclusionLines, traceField, type FieldPath } from './trace.ts';

export { compareChartVersions, compareImages, compareTags, type VersionComparison, type VersionOrder } from './versions.ts';
export { generatorNameOf, type DifferencePaths, type PairComparison, type PairDifference, type ResourcePair } from './pairs.ts';
export type { OverlayLine, OverlayLineKind } from './overlay-file.ts';
export type { FieldPath } from './trace.ts';

/** The lines that make a difference, on each side. */
export interface DifferenceTrace {
  left: OverlayLine[];
  right: OverlayLine[];
  /** True when no overlay line could be found: the lines are then where each object is written. */
  untraced?: boolean;
}

const comparisons = new WeakMap<Model, Map<string, PairComparison>>();

function environment(model: Model, name: string): Environment | undefined {
  return model.environments.find((e) => e.name === name);
}

/**
 * The two environments paired object by object (computed once per model and pair). Undefined when one of them is
 * not in the model.
 */
export function compareEnvironmentPair(model: Model, left: string, right: string): PairComparison | undefined {
  let byPair = comparisons.get(model);
  if (!byPair) comparisons.set(model, (byPair = new Map()));
  const key = `${left}\u0000${right}`;
  let comparison = byPair.get(key);
  if (!comparison) {
    const a = environment(model, left);
    const b = environment(model, right);
    if (!a || !b) return undefined;
    byPair.set(key, (comparison = pairEnvironments(model, a, b)));
  }
  return comparison;
}

const lineKey = (line: OverlayLine): string => `${line.path}:${line.line}`;

function unique(lines: OverlayLine[]): OverlayLine[] {
  const seen = new Set<string>();
  return lines.filter((line) => !seen.has(lineKey(line)) && !!seen.add(lineKey(line)));
}

/**
 * The lines that make one difference of a pair: on each side, the line that wins for the field, unless the other
 * side's build goes through that same line too (a base both overlays share is not what makes them differ). When
 * nothing is left, each side's winning line; when nothing was traced at all, where each object is written.
 */
export function traceDifference(model: Model, comparison: PairComparison, pair: ResourcePair, difference: PairDifference): DifferenceTrace {
  const paths = uniquePaths([...difference.paths.left, ...difference.paths.right]);
  const side = (envName: string, resource: ResourcePair['left']) => {
    const env = environment(model, envName);
    if (!env || !resource) return { winning: [] as OverlayLine[], all: new Set<string>() };
    const generatorName = generatorNameOf(resource);
    const traced = paths.map((path) => traceField(model, env, resource, path, generatorName ? { generatorName } : {}));
    return { winning: unique(traced.flatMap((lines) => lines.slice(0, 1))), all: new Set(traced.flat().map(lineKey)) };
  };
  const a = side(comparison.left, pair.left);
  const b = side(comparison.right, pair.right);
  const left = a.winning.filter((line) => !b.all.has(lineKey(line)));
  const right = b.winning.filter((line) => !a.all.has(lineKey(line)));
  if (left.length > 0 || right.length > 0) return { left, right };
  if (a.winning.length > 0 || b.winning.length > 0) return { left: a.winning, right: b.winning };
  const own = (resource: ResourcePair['left']): OverlayLine[] => (resource ? [{ ...resource.source, how: 'manifest' }] : []);
  return { left: own(pair.left), right: own(pair.right), untraced: true };
}

function uniquePaths(paths: FieldPath[]): FieldPath[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const key = JSON.stringify(p);
    return !seen.has(key) && !!seen.add(key);
  });
}

/**
 * The line that brings an object present on one side only into its environment: the outermost `resources:` entry of
 * its kustomizations, else where the object is written.
 */
export function traceInclusion(model: Model, envName: string, resource: NonNullable<ResourcePair['left']>): OverlayLine {
  const env = environment(model, envName);
  const steps = env ? inclusionLines(model, env, resource).filter((line) => !line.flux) : [];
  return steps[0] ?? { ...resource.source, how: 'manifest' };
}

/** Lines in the order of their files, then of their lines: how a reader walks through an overlay. */
export function compareOverlayLines(a: OverlayLine, b: OverlayLine): number {
  return compareText(a.path, b.path) || a.line - b.line;
}
