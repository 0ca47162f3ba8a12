// The cluster exports of a build (FFE_SNAPSHOT: an `<env>.yaml` export, or a folder of them): read once, when the
// build starts, and compared with the model each time the model is (re)loaded. Without FFE_SNAPSHOT, nothing here
// runs and no page changes. Like the model, the exports are kept on globalThis: the integration and the pages are
// loaded by two module systems.
import { relative } from 'node:path';
import { basename } from 'node:path';
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

const SLOT = Symbol.for('ffe.snapshots');
type Holder = { [SLOT]?: readonly SiteSnapshot[] };
const reportsByModel = new WeakMap<Model, SiteDrift[]>();

/**
 * Reads the exports FFE_SNAPSHOT names (relative to `cwd`), each paired with its environment; [] when it is unset.
 * Paths shown on the site are relative to the repository (or the bare file name for an export kept elsewhere): the
 * built pages never hold a path of the machine.
 */
export async function loadSnapshots(model: Model, options: { value?: string; cwd?: string } = {}): Promise<SiteSnapshot[]> {
  const value = options.value ?? process.env[SNAPSHOT_ENV];
  if (!value) return [];
  const cwd = options.cwd ?? process.cwd();
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

export function setSnapshots(snapshots: readonly SiteSnapshot[]): void {
  (globalThis as Holder)[SLOT] = snapshots;
}

/** The comparisons of the build, one per environment that has an export; [] without FFE_SNAPSHOT. */
export function driftReports(model: Model): SiteDrift[] {
  const snapshots = (globalThis as Holder)[SLOT] ?? [];
  if (snapshots.length === 0) return [];
  let reports = reportsByModel.get(model);
  if (!reports) {
    reports = snapshots
      .filter((s) => model.environments.some((e) => e.name === s.env))
      .map((s) => ({ report: compareWithSnapshot(model, s.env, s.snapshot), inRepository: s.inRepository }));
    reportsByModel.set(model, reports);
  }
  return reports;
}

export function driftOf(model: Model, env: string): SiteDrift | undefined {
  return driftReports(model).find((d) => d.report.env === env);
}
