// The Helm charts of one environment, one row per chart, version and repository, with every release installing it:
// at scale most releases share a few charts (bjw-s' app-template for every app), and a row per release would repeat
// the same address and version eighty times. Values and the file of each release stay on the release's page.
import { compareText, type Model } from '../../infra/index.ts';
import { envContext } from '../context.ts';
import { resourceLink, type ResourceLink } from '../links.ts';

export interface ChartVersionRow {
  chart: string;
  version?: string;
  repository?: string;
  /** The releases installing this chart at this version, by namespace then name. */
  releases: ResourceLink[];
}

export function chartVersionRows(model: Model, envName: string): ChartVersionRow[] {
  const ctx = envContext(model, envName);
  const rows = new Map<string, ChartVersionRow>();
  for (const c of model.components.filter((c) => c.env === envName)) {
    const key = JSON.stringify([c.chart, c.version ?? '', c.repository ?? '']);
    const row = rows.get(key) ?? { chart: c.chart, ...(c.version ? { version: c.version } : {}), ...(c.repository ? { repository: c.repository } : {}), releases: [] };
    row.releases.push(resourceLink(ctx, c.resource));
    rows.set(key, row);
  }
  for (const row of rows.values()) row.releases.sort((a, b) => compareText(a.key, b.key));
  return [...rows.values()].sort(
    (a, b) => compareText(a.chart, b.chart) || compareText(a.version ?? '', b.version ?? '') || compareText(a.repository ?? '', b.repository ?? ''),
  );
}
