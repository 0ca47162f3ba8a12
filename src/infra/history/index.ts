// The infrastructure's history from Git: the journal of the commits that changed what an environment deploys, and
// what a working tree (or HEAD) changes compared with a commit (`npm run diff`). The public API of src/infra/history.
export { changesDeployment, compareStates, hasChanges, labelOf, type ChangeType, type EnvironmentChanges, type EnvironmentStatus, type FieldChange, type ObjectChange, type StateComparison, type ValueChange } from './compare.ts';
export { DiffInputError, diffAgainst, type DiffOptions, type DiffResult } from './diff.ts';
export { historyFactsOf, type HistoryFact } from './facts.ts';
export type { Commit, Unavailable, Window } from './git.ts';
export { DEFAULT_MAX_COMMITS, documentationOnly, readHistory, type History, type HistoryOptions, type JournalEntry } from './journal.ts';
export { comparisonMarkdown, diffJson, diffMarkdown, escapeMarkdown } from './report.ts';
export { EMPTY_STATE, stateOf, type InfraState, type StateEnvironment, type StateFinding, type StateObject } from './state.ts';
export type { HistoryLoadOptions } from './store.ts';
