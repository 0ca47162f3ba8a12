// Git ↔ cluster: the public API of the comparison (read an export, compare it with an environment, report).
export { compareWithSnapshot, subjectOf, type Drift, type DriftMember, type DriftReport, type DriftSubject, type DriftType, type DriftValue, type DriftWarning, type IgnoredCount } from './compare.ts';
export { IGNORE_RULES, type IgnoreRule } from './ignore.ts';
export { comparedFacts, releaseInstalledBy, replicasOf, sameValue, type Fact, type FactComparison } from './facts.ts';
export { DriftInputError, readSnapshot, shownPath, snapshotTargets, type SnapshotTarget } from './load.ts';
export { differenceCountText, driftJson, formatDriftReport, formatSnapshotDate, kindText, snapshotDateText, type Paint } from './report.ts';
export { headerDate, parseSnapshot, type Snapshot, type SnapshotObject, type SnapshotResult } from './snapshot.ts';
