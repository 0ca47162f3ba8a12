// The cluster exports of a build (FFE_SNAPSHOT: an `<env>.yaml` export, or a folder of them): read once, when the
// build starts, and compared with the model each time the model is (re)loaded (model.ts). Without FFE_SNAPSHOT,
// nothing here runs and no page changes.
import { basename, relative } from 'node:path';
import { compareWithSnapshot, DriftInputError, formatFinding, readSnapshot, snapshotTargets, type DriftReport, type Model, type Snapshot } from '../infra/index.ts';

export const SNAPSHOT_ENV = 'FFE_SNAPSHOT';

export interface SiteSnapshot {
  env: string;
  snapshot: Snapshot;
  /** The export is a file of the repository: its lines can be linked to. */
  inRepository: boolean;
}

/** One environment's comparison, as the pages show it. */
export interface SiteDrift {
  report: DriftReport;
  inRepository: boolean;
}

/** Stops the build on an unusable export: a French message, no stack trace. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
    this.stack = message;
  }
}

/**
 * Reads the exports FFE_SNAPSHOT names (`value`, relative to `cwd`), each paired with its environment; [] when it is
 * unset. Paths shown on the site are relative to the repository (or the bare file name for an export kept elsewhere):
 * the built pages never hold a path of the machine.
 */
export async function loadSnapshots(model: Model, value: string | undefined, cwd: string): Promise<SiteSnapshot[]> {
  if (!value) return [];
  let targets;
  try {
    targets = snapshotTargets(value, model.environments.map((e) => e.name), { cwd });
  } catch (error) {
    if (error instanceof DriftInputError) throw new SnapshotError(`${SNAPSHOT_ENV} : ${error.message}`);
    throw error;
  }
  const out: SiteSnapshot[] = [];
  for (const target of targets) {
    const fromRepo = relative(model.repoRoot, target.file).split('\\').join('/');
    const inRepository = fromRepo !== '' && !fromRepo.startsWith('..');
    const result = await readSnapshot(target.file, inRepository ? fromRepo : basename(target.file));
    if (!result.ok) {
      throw new SnapshotError(`${SNAPSHOT_ENV} : export inutilisable, la construction s’arrête.\n${result.findings.map(formatFinding).join('\n')}`);
    }
    out.push({ env: target.env, snapshot: result.snapshot, inRepository });
  }
  return out;
}

/** The comparisons of a model with the build's exports, one per environment that has one; [] without FFE_SNAPSHOT. */
export function siteDrift(model: Model, snapshots: readonly SiteSnapshot[]): SiteDrift[] {
  return snapshots
    .filter((s) => model.environments.some((e) => e.name === s.env))
    .map((s) => ({ report: compareWithSnapshot(model, s.env, s.snapshot), inRepository: s.inRepository }));
}

export function driftOf(site: { drift: readonly SiteDrift[] }, env: string): SiteDrift | undefined {
  return site.drift.find((d) => d.report.env === env);
}
