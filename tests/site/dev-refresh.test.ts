// `npm run dev`: editing a manifest refreshes the pages built from it, without restarting the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideVitest } from '../../scripts/lib/site-build.ts';
import { copyManifests } from './lib/manifests-copy.ts';

const root = resolve(import.meta.dirname, '../..');
const page = '/infra/production/ffe-docs/deployment/site/';
let server: ChildProcess | undefined;
let baseUrl = '';
let manifests = '';
let serverOutput = (): string => '';

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  return response.text();
}

async function waitFor(predicate: () => Promise<boolean>, what: string, timeoutMs = 150_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await predicate().catch(() => false)) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`timed out waiting for ${what}; the dev server said:\n${serverOutput().slice(-3000)}`);
}

beforeAll(async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'ffe-dev-'));
  manifests = copyManifests(scratch);
  server = spawn(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', '0', '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...outsideVitest('development'), FFE_MANIFESTS: manifests, FFE_DIAGRAMS: 'client' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(async () => /http:\/\/127\.0\.0\.1:\d+/.test(output), 'the dev server to start');
  serverOutput = () => output;
  baseUrl = output.match(/http:\/\/127\.0\.0\.1:\d+/)![0];
  return () => rmSync(scratch, { recursive: true, force: true });
});

afterAll(() => {
  server?.kill('SIGTERM');
});

describe('the dev server', () => {
  it('shows a new image version as soon as the manifest is saved', async () => {
    const file = join(manifests, 'apps/base/ffe-docs/kustomization.yaml');
    // The server answers before Astro's routes are ready: wait for the page itself.
    let before = '';
    await waitFor(async () => /ffe-docs:\d+\.\d+\.\d+/.test((before = await fetchText(baseUrl + page))), 'the resource page');
    const version = before.match(/ffe-docs:(\d+\.\d+\.\d+)/)![1];
    writeFileSync(file, readFileSync(file, 'utf8').replace(`newTag: "${version}"`, 'newTag: "9.9.9"'));
    await waitFor(async () => (await fetchText(baseUrl + page)).includes('ffe-docs:9.9.9'), 'the page to show the edit');
    expect(await fetchText(baseUrl + page)).not.toContain(`ffe-docs:${version}<`);
  }, 360_000);
});
