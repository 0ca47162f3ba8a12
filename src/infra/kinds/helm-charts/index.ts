// The chart readers, one entry per well-known chart (the kind registry's way, for the values of a chart): each says
// which releases it reads and what their values make. A release whose chart has no entry is read by the common values
// convention when its values follow it; otherwise what it makes is not known, and the site says so.
import { APP_TEMPLATE } from './app-template.ts';
import { conventionReader } from './convention.ts';
import type { ChartReader } from './reading.ts';

export const CHART_READERS: readonly ChartReader[] = [APP_TEMPLATE];

/** The reader of a release of `chart` with these values: its chart's entry, else the common convention, else none. */
export function chartReaderFor(chart: string, values: Record<string, unknown>): ChartReader | undefined {
  const known = CHART_READERS.find((reader) => reader.reads(chart, values));
  if (known) return known;
  const convention = conventionReader(chart);
  return convention.reads(chart, values) ? convention : undefined;
}

export type { ChartReader, ChartReading, DeducedObject, ReleaseIdentity } from './reading.ts';
