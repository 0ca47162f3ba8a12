// What a chart reader returns: the objects a release will make, deduced from its values, each with the values fields
// each of its own fields comes from (so that a table, a finding or the drift report points at the values' line).
import type { FieldPath, KubeObject } from '../../model.ts';

/** One object a release makes, as its chart would render it from the values (only what the values say). */
export interface DeducedObject {
  object: KubeObject;
  /** The values block that defines it (`controllers.main`, `service.app`). */
  block: FieldPath;
  /** Its fields and the values paths they come from: a field's line is that of its longest listed prefix. */
  from: (readonly [FieldPath, FieldPath])[];
}

/** A release's identity, as the chart sees it (`.Release.Name`, `.Release.Namespace`). */
export interface ReleaseIdentity {
  name: string;
  namespace?: string;
}

export interface ChartReading {
  objects: DeducedObject[];
  /** What the values do not say (French, one phrase each): a templated name, an image without a tag… */
  unknown: string[];
}

/** One well-known chart, or a values convention many charts share: how to read what its values make. */
export interface ChartReader {
  /** The chart's name as the registry shows it (« app-template »). */
  chart: string;
  /**
   * `chart`: the values of this chart are read exactly as it renders them (names, labels, selectors);
   * `convention`: a values convention many charts share, read conservatively (the names are the usual ones).
   */
  fidelity: 'chart' | 'convention';
  /** Whether it reads a release of this chart (its name) with these values. */
  reads(chart: string, values: Record<string, unknown>): boolean;
  /** What a release of `chart` makes, from its values. */
  read(values: Record<string, unknown>, release: ReleaseIdentity, chart: string): ChartReading;
}

/** `{{ .Release.Name }}` and `{{ .Release.Namespace }}` replaced; undefined when another template remains. */
export function rendered(text: string | undefined, release: ReleaseIdentity): string | undefined {
  if (text === undefined) return undefined;
  const out = text
    .replace(/\{\{-?\s*\.Release\.Name\s*-?\}\}/g, release.name)
    .replace(/\{\{-?\s*\.Release\.Namespace\s*-?\}\}/g, release.namespace ?? '');
  return out.includes('{{') ? undefined : out;
}
