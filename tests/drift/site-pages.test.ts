// FFE_SNAPSHOT on the site: without it nothing changes; with it, each exported environment gains one page and one
// sidebar link, and an unusable export stops the build with a French message.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel, type Model } from '../../src/infra/index.ts';
import { loadSnapshots, siteDrift, SnapshotError } from '../../src/site/drift.ts';
import { infraSidebar } from '../../src/site/sidebar.ts';
import { infraPages } from '../../src/views/pages.ts';
import { clusterExport } from '../../scripts/lib/snapshot-fixture.ts';
import { compareWithSnapshot, parseSnapshot } from '../../src/infra/index.ts';
import { driftPageView, driftSummary } from '../../src/views/drift.ts';
import { FIXTURE_PATH, TAKEN_AT } from './plan.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let model: Model;

beforeAll(async () => {
  model = await loadModel({ checks: [] });
});

describe('without FFE_SNAPSHOT', () => {
  it('reads nothing and adds no page or link', async () => {
    expect(await loadSnapshots(model, undefined, ROOT)).toEqual([]);
    expect(await loadSnapshots(model, '', ROOT)).toEqual([]);
    expect(siteDrift(model, [])).toEqual([]);
    expect(infraPages(model).some((p) => p.type === 'drift')).toBe(false);
    expect(JSON.stringify(infraSidebar([], model, { comparison: undefined }))).not.toContain('_ecarts');
  });
});

describe('with FFE_SNAPSHOT', () => {
  it('adds one « Écarts » page per exported environment, and leaves every other page as it was', async () => {
    const reports = siteDrift(model, await loadSnapshots(model, FIXTURE_PATH, ROOT)).map((d) => d.report);
    expect(reports.map((r) => [r.env, r.differences.length])).toEqual([
      ['production', 3],
      ['staging', 1],
    ]);
    const without = infraPages(model);
    const withDrift = infraPages(model, { drift: reports });
    const added = withDrift.filter((p) => !without.some((w) => w.params === p.params));
    expect(added.map((p) => [p.type, p.params, p.title])).toEqual([
      ['drift', 'production/_ecarts', 'Écarts entre Git et le cluster (production)'],
      ['drift', 'staging/_ecarts', 'Écarts entre Git et le cluster (staging)'],
    ]);
    expect(withDrift.filter((p) => p.type !== 'drift')).toEqual(without);
    const sidebar = JSON.stringify(infraSidebar([], model, { comparison: undefined }, reports));
    expect(sidebar.match(/Écarts avec le cluster/g)).toHaveLength(2);
  });

  it('keeps the export’s path relative to the repository, so no path of the machine is published', async () => {
    const [snapshot] = await loadSnapshots(model, FIXTURE_PATH, ROOT);
    expect(snapshot.snapshot.path).toBe(`${FIXTURE_PATH}/production.yaml`);
    expect(snapshot.inRepository).toBe(true);
  });

  it('stops the build on an export it cannot use, saying why in French', async () => {
    await expect(loadSnapshots(model, 'tests/fixtures/drift/absent.yaml', ROOT)).rejects.toThrow(SnapshotError);
    await expect(loadSnapshots(model, 'tests/fixtures/drift/absent.yaml', ROOT)).rejects.toThrow(/^FFE_SNAPSHOT : Export introuvable : « tests\/fixtures\/drift\/absent\.yaml »/);
    await expect(loadSnapshots(model, 'tests/fixtures/typed-values', ROOT)).rejects.toThrow(/« manifests\.yaml » ne correspond à aucun environnement \(production, staging\)/);
  });
});

describe('a cluster that runs what Git says', () => {
  it('is « conforme » on its environment page and its « Écarts » page', () => {
    const parsed = parseSnapshot('production.yaml', clusterExport(model, 'production', { takenAt: TAKEN_AT }));
    if (!parsed.ok) throw new Error('unreadable');
    const report = compareWithSnapshot(model, 'production', parsed.snapshot);
    expect(driftSummary(report)).toMatchObject({ verdict: 'conforme', conform: true, date: '2 juin 2025 à 07:45 UTC' });
    const view = driftPageView({ report, inRepository: false });
    expect([view.conform, view.sections, view.snapshot.inRepository]).toEqual([true, [], false]);
  });
});
