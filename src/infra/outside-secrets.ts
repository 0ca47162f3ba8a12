// Secrets the repository writes outside what its GitOps tool applies: a `bootstrap/` folder applied by hand once, a
// template kept for reference. A reference to such a Secret is not « introuvable »: the file exists, the cluster gets
// it some other way (or not at all) — a warning naming that file, for the reader to judge.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceLocation } from './model.ts';
import { parseManifest } from './parse.ts';

/** Folders no one applies and nothing here should read. */
const SKIPPED = new Set(['.git', 'node_modules', '.github', 'dist']);
const MAX_FILES = 5000;
const MAX_BYTES = 1_000_000;

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
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      continue;
    }
    if (isDir) yamlFiles(path, out);
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
}

/**
 * Every Secret written in the repository's YAML files, by name (and namespace when written): `toRepoPath` turns an
 * absolute path into the repository-relative one findings show.
 */
export function outsideSecrets(repoRoot: string, toRepoPath: (abs: string) => string): OutsideSecrets {
  const files: string[] = [];
  yamlFiles(repoRoot, files);
  const found: { namespace?: string; name: string; at: SourceLocation }[] = [];
  for (const file of files) {
    let text: string;
    try {
      if (statSync(file).size > MAX_BYTES) continue;
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (!/^kind:\s*Secret\s*$/m.test(text)) continue;
    for (const doc of parseManifest(toRepoPath(file), text).documents) {
      const name = doc.object.metadata?.name;
      if (doc.object.kind !== 'Secret' || doc.object.apiVersion !== 'v1' || typeof name !== 'string') continue;
      const namespace = doc.object.metadata?.namespace;
      found.push({ ...(typeof namespace === 'string' ? { namespace } : {}), name, at: doc.source });
    }
  }
  return (namespace, name) => found.find((s) => s.name === name && (s.namespace === undefined || s.namespace === namespace))?.at;
}
