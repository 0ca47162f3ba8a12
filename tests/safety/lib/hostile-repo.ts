// The hostile repository of tests/safety, made real: tests/safety/fixtures/hostile copied into a Git repository of
// its own, beside a folder « outside » it must never read (tests/safety/fixtures/outside), with what a fixture cannot
// hold written at run time: the absolute paths, the canary values (unique per run, so that nothing earlier can hold
// them), the symbolic links leading out, the CI token a checkout keeps in .git/config, a folder whose name is markup,
// and a local HTTP server that records whether anything asked it for its canary.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

export interface HostileRepository {
  /** The repository to build (FFE_MANIFESTS). */
  repo: string;
  /** The folder beside it that nothing may read. */
  outside: string;
  /** Values that must appear nowhere in what is built or printed. */
  canaries: { environment: string; files: string; gitToken: string; secret: string };
  /** The variable holding `canaries.environment`, to be set in the environment of the build. */
  environment: Record<string, string>;
  /** Requests the local server received (kustomize must never have fetched its resource). */
  requests: () => number;
  close: () => Promise<void>;
}

function replaceIn(dir: string, values: Record<string, string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) replaceIn(path, values);
    else if (entry.isFile()) {
      let text = readFileSync(path, 'utf8');
      for (const [from, to] of Object.entries(values)) text = text.split(from).join(to);
      writeFileSync(path, text);
    }
  }
}

/** A server on the loopback interface, counting its requests; what it answers is set once its port is known. */
function listen(): Promise<{ server: Server; port: number; count: () => number; answer: (body: string) => void }> {
  let count = 0;
  let body = '';
  const server = createServer((_request, response) => {
    count++;
    response.end(body);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ server, port: (server.address() as AddressInfo).port, count: () => count, answer: (text) => (body = text) })),
  );
}

/** Makes the hostile repository under `work` (an empty temporary folder). */
export async function hostileRepository(work: string): Promise<HostileRepository> {
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const canaries = {
    environment: `ffe-canary-env-${tag}`,
    files: `ffe-canary-file-${tag}`,
    gitToken: `ffe-canary-token-${tag}`,
    secret: `ffe-canary-secret-${tag}`,
  };
  const repo = join(work, 'repo');
  const outside = join(work, 'outside');
  cpSync(join(FIXTURES, 'hostile'), repo, { recursive: true });
  cpSync(join(FIXTURES, 'outside'), outside, { recursive: true });
  const served = await listen();
  const values = { '@OUTSIDE@': outside, '@PORT@': String(served.port), '@CANARY@': canaries.files, '@SECRET@': canaries.secret };
  replaceIn(repo, values);
  replaceIn(outside, values);
  served.answer(readFileSync(join(outside, 'served.yaml'), 'utf8'));

  const clusters = join(repo, 'clusters');
  symlinkSync(join(outside, 'canary.txt'), join(clusters, 'symlink-file/leak.txt'));
  symlinkSync(join(outside, 'base/kustomization.yaml'), join(clusters, 'symlink-kustomization/kustomization.yaml'));
  symlinkSync(join(outside, 'canary-cm.yaml'), join(clusters, 'symlink-plain/leak.yaml'));
  symlinkSync(join(outside, 'manifests'), join(repo, 'linked'));
  // A folder name is text from the repository too.
  const markupEnv = join(clusters, 'x<img src=x onerror=alert(105)>');
  mkdirSync(markupEnv);
  writeFileSync(join(markupEnv, 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: env-name\ndata:\n  note: ordinary\n');

  execFileSync('git', ['init', '--quiet', '--initial-branch=main', repo]);
  // What actions/checkout leaves in a CI checkout.
  appendFileSync(join(repo, '.git/config'), `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${canaries.gitToken}\n`);
  return {
    repo,
    outside,
    canaries,
    environment: { FFE_SAFETY_CANARY: canaries.environment },
    requests: () => served.count(),
    close: () => new Promise((done) => served.server.close(() => done())),
  };
}

/** Every file under `dir` with its size and modification time, to tell that nothing was written there. */
export function snapshot(dir: string, skip: (path: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (skip(path)) continue;
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path, { throwIfNoEntry: false });
        out.set(path, stat ? `${stat.size}:${stat.mtimeMs}` : 'link');
      }
    }
  };
  walk(dir);
  return out;
}
