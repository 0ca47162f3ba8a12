// Secrets the repository writes outside what its GitOps tool applies: a `bootstrap/` folder applied by hand once, a
// template kept for reference. A reference to such a Secret is not « introuvable »: the file exists, the cluster gets
// it some other way (or not at all) — a warning naming that file, for the reader to judge.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceLocation } from './model.ts';
import { parseManifest } from './parse.ts';

/** Folders no one applies and nothing here should read. */
const SKIPPED = new Set(['.git', 'node_modules', '.github', 'dist']);
const MAX_FILES = 5000;
const MAX_BYTES = 1_000_000;
/** What the whole scan may read. */
const MAX_TOTAL_BYTES = 50_000_000;

export type OutsideSecrets = (namespace: string | undefined, name: string) => SourceLocation | undefined;

function yamlFiles(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (out.length >= MAX_FILES || SKIPPED.has(name)) continue;
    const path = join(dir, name);
    // Never through a link (it may lead out of the repository, or to /dev/zero): only folders and regular files.
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      continue;
    }
    if (stat.isDirectory()) yamlFiles(path, out);
    else if (stat.isFile() && stat.size <= MAX_BYTES && /\.ya?ml$/.test(name)) out.push(path);
  }
}

/**
 * The Secrets written in the YAML files under the manifests root, by name (and namespace when written): `toRepoPath`
 * turns an absolute path into the repository-relative one findings show. Regular files only, a bounded number of
 * bounded size, parsed with the loader's limits.
 */
export function outsideSecrets(repoRoot: string, toRepoPath: (abs: string) => string): OutsideSecrets {
  // Read when a reference first needs it: most repositories never ask.
  let found: { namespace?: string; name: string; at: SourceLocation }[] | undefined;
  return (namespace, name) => {
    found ??= secretsIn(repoRoot, toRepoPath);
    return found.find((s) => s.name === name && (s.namespace === undefined || s.namespace === namespace))?.at;
  };
}

function secretsIn(repoRoot: string, toRepoPath: (abs: string) => string): { namespace?: string; name: string; at: SourceLocation }[] {
  const files: string[] = [];
  yamlFiles(repoRoot, files);
  const found: { namespace?: string; name: string; at: SourceLocation }[] = [];
  let read = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    read += text.length;
    if (read > MAX_TOTAL_BYTES) break;
    if (!/^kind:\s*Secret\s*$/m.test(text)) continue;
    for (const doc of parseManifest(toRepoPath(file), text).documents) {
      const name = doc.object.metadata?.name;
      if (doc.object.kind !== 'Secret' || doc.object.apiVersion !== 'v1' || typeof name !== 'string') continue;
      const namespace = doc.object.metadata?.namespace;
      found.push({ ...(typeof namespace === 'string' ? { namespace } : {}), name, at: doc.source });
    }
  }
  return found;
}
