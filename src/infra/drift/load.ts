// Which export belongs to which environment, and reading it from disk. An export is named after its environment:
// `production.yaml` (or `.yml`, `.json`) is compared with the environment `production`; a folder holds one such file
// per environment. A single file may be given another name with an explicit environment (`--env`), and when the
// manifests have one environment only, any name will do.
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, join, relative, resolve } from 'node:path';
import { MAX_SNAPSHOT_BYTES, parseSnapshot, tooLargeSnapshot, type SnapshotResult } from './snapshot.ts';

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Unusable input (no such file, a name that matches no environment…): a French message, no stack trace. */
export class DriftInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DriftInputError';
    this.stack = message;
  }
}

export interface SnapshotTarget {
  env: string;
  /** Absolute path. */
  file: string;
}

const stem = (file: string): string => basename(file, extname(file));
const list = (names: readonly string[]): string => names.join(', ') || 'aucun';

function kindOfPath(path: string): 'file' | 'dir' | undefined {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The exports to compare, each with its environment: `input` is a file or a folder (relative to `cwd`),
 * `environments` are the model's, `env` restricts (or, for a file, names) the environment.
 */
export function snapshotTargets(input: string, environments: readonly string[], options: { env?: string; cwd?: string } = {}): SnapshotTarget[] {
  const path = resolve(options.cwd ?? process.cwd(), input);
  const kind = kindOfPath(path);
  if (options.env !== undefined && !environments.includes(options.env)) {
    throw new DriftInputError(`Environnement « ${options.env} » inconnu : les manifestes ont ${list(environments)}.`);
  }
  if (!kind) {
    throw new DriftInputError(`Export introuvable : « ${input} ». Indiquez le fichier (ou le dossier de fichiers) écrit par « kubectl get … -A -o yaml ».`);
  }
  if (kind === 'file') {
    const named = environments.find((e) => e === stem(path));
    const env = options.env ?? named ?? (environments.length === 1 ? environments[0] : undefined);
    if (!env) {
      throw new DriftInputError(
        `Impossible de savoir de quel environnement « ${basename(path)} » est l’export : nommez le fichier d’après l’environnement (${environments.map((e) => `${e}.yaml`).join(', ')}) ou précisez --env <environnement>.`,
      );
    }
    return [{ env, file: path }];
  }
  const files = readdirSync(path, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => e.name)
    .sort();
  const stray = files.filter((f) => !environments.includes(stem(f)));
  if (stray.length > 0) {
    throw new DriftInputError(
      `Dans « ${input} », ${stray.map((f) => `« ${f} »`).join(', ')} ne correspond${stray.length > 1 ? 'ent' : ''} à aucun environnement (${list(environments)}) : un export par environnement, nommé <environnement>.yaml. Renommez ou retirez ${stray.length > 1 ? 'ces fichiers' : 'ce fichier'}.`,
    );
  }
  const targets = files.map((f) => ({ env: stem(f), file: join(path, f) })).filter((t) => options.env === undefined || t.env === options.env);
  const byEnv = new Map<string, string[]>();
  for (const t of targets) byEnv.set(t.env, [...(byEnv.get(t.env) ?? []), basename(t.file)]);
  const doubled = [...byEnv.entries()].filter(([, names]) => names.length > 1);
  if (doubled.length > 0) {
    throw new DriftInputError(`Dans « ${input} », plusieurs exports pour le même environnement : ${doubled.map(([, names]) => names.join(' et ')).join(' ; ')}. Gardez-en un par environnement.`);
  }
  if (targets.length === 0) {
    throw new DriftInputError(
      `Aucun export dans « ${input} »${options.env ? ` pour l’environnement ${options.env}` : ''} : attendu un fichier par environnement, nommé ${environments.map((e) => `${e}.yaml`).join(', ')}.`,
    );
  }
  return targets;
}

/** Reads and parses one export; `shownAs` is the path used in messages and links. */
export async function readSnapshot(file: string, shownAs: string): Promise<SnapshotResult> {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_SNAPSHOT_BYTES) return { ok: false, findings: [tooLargeSnapshot(shownAs, size)] };
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'inconnue';
    return {
      ok: false,
      findings: [
        { code: 'FFE-E-SNAPSHOT-READ', severity: 'error', message: `Lecture de l’export impossible (${code}).`, hint: 'Vérifiez que le fichier existe et qu’il est lisible.', location: { path: shownAs, line: 1 } },
      ],
    };
  }
  return parseSnapshot(shownAs, text);
}

/** A path for messages: relative to `base` when inside it, else as given. */
export function shownPath(file: string, base: string): string {
  const rel = relative(base, file).split('\\').join('/');
  return rel && !rel.startsWith('..') ? rel : file;
}
