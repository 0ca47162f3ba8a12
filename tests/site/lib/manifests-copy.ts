// A copy of the manifests that a test may change. It is a Git repository of its own, laid out as ours, because Flux
// paths (./manifests/…) and source locations are relative to the repository root.
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../scripts/lib/site-build.ts';

/** Copies manifests/ into `<work>/manifests`, makes `work` a repository, and returns the copy's path. */
export function copyManifests(work: string): string {
  const manifests = join(work, 'manifests');
  cpSync(join(PROJECT_ROOT, 'manifests'), manifests, { recursive: true });
  execFileSync('git', ['init', '--quiet', work]);
  return manifests;
}
