// All relation builders of one environment. Each builder lives in its own file, named for the edge kind it produces.
import type { Environment, Finding, Relation } from '../model.ts';

export interface RelationResult {
  relations: Relation[];
  /** Dangling references and similar findings discovered while resolving edges. */
  findings: Finding[];
}

export function buildRelations(_env: Environment): RelationResult {
  return { relations: [], findings: [] };
}
