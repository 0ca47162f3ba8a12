// Where a GitOps repository starts, found the way its controllers find it rather than by folder names: every Flux
// Kustomization, Flux Operator FluxInstance and Argo CD Application of the repository is read, and those that no
// other one deploys are the roots (a `flux bootstrap` gotk-sync.yaml, the home-ops `kubernetes/flux/cluster/ks.yaml`,
// a FluxInstance, an Argo CD root Application). A root that deploys the folder holding it starts from that folder;
// any other starts from the folder it is written in, so that the loader reads it and follows its path.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { deployTargets } from './deployers.ts';
import { isInside, MANIFEST_FILE, SKIPPED_DIRS } from './files.ts';
import { compareText } from './model.ts';
import { parseManifest } from './parse.ts';

export interface EntryPoint {
  /** Absolute folder the environment starts from. */
  dir: string;
  /** Repository-relative file of the root object (for messages). */
  declaredIn: string;
}

// Cheap pre-filter: most YAML files of a repository deploy nothing.
const MENTIONS_DEPLOYER = /kustomize\.toolkit\.fluxcd\.io|fluxcd\.controlplane\.io|argoproj\.io/;
const MAX_SCANNED_BYTES = 1024 * 1024;

function yamlFiles(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries.sort((a, b) => compareText(a.name, b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) yamlFiles(path, out);
    else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) out.push(path);
  }
  return out;
}

interface Deployer {
  file: string;
  /** Resolved folders it deploys (those that exist in this repository). */
  targets: string[];
}

/**
 * Root entry points under `root`. `resolvePath` turns a path written in a deployer (relative to the Git source's
 * root) into an existing absolute folder, or undefined. Paths holding `${VARIABLES}` cannot be resolved before
 * substitution: they are ignored here, and followed by the loader once substituted.
 */
export function gitOpsEntryPoints(root: string, repoRoot: string, resolvePath: (path: string) => string | undefined): EntryPoint[] {
  const deployers: Deployer[] = [];
  for (const file of yamlFiles(root)) {
    let text: string;
    try {
      if (statSync(file).size > MAX_SCANNED_BYTES) continue;
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (!MENTIONS_DEPLOYER.test(text)) continue;
    const { documents } = parseManifest(file, text, { detectHelmTemplates: false });
    for (const target of deployTargets(documents)) {
      // A path of an OCI artifact, a bucket or an assembled artifact is no folder of this repository as written.
      if (target.sourceRef?.kind && target.sourceRef.kind !== 'GitRepository') continue;
      const dir = target.path.includes('${') ? undefined : resolvePath(target.path);
      const existing = deployers.find((d) => d.file === file);
      const deployer = existing ?? { file, targets: [] };
      if (dir && !deployer.targets.includes(dir)) deployer.targets.push(dir);
      if (!existing) deployers.push(deployer);
    }
  }
  const roots = deployers.filter((d) => !deployers.some((other) => other !== d && other.targets.some((t) => isInside(d.file, t))));
  const dirs = new Map<string, string>();
  for (const deployer of roots) {
    if (deployer.targets.length === 0) continue;
    const own = deployer.targets.find((t) => isInside(deployer.file, t));
    const dir = own ?? dirname(deployer.file);
    if (!dirs.has(dir)) dirs.set(dir, relative(repoRoot, deployer.file).split(sep).join('/'));
  }
  // A root inside another root's folder is read with it.
  const all = [...dirs.keys()];
  return all
    .filter((dir) => !all.some((other) => other !== dir && isInside(dir, other)))
    .sort()
    .map((dir) => ({ dir, declaredIn: dirs.get(dir)! }));
}
