// A plaintext Secret committed by mistake stops the build, and its value is printed nowhere and published nowhere.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { buildSite, type BuildResult } from '../../scripts/lib/site-build.ts';
import { listFiles } from '../../scripts/lib/site-dist.ts';
import { copyManifests } from './lib/manifests-copy.ts';

const work = mkdtempSync(join(tmpdir(), 'ffe-secret-'));
const manifests = join(work, 'manifests');
const outDir = join(work, 'dist');
// Unique per run, so that no earlier output, cache or fixture can contain it by chance.
const SECRET_VALUE = `ffe-fuite-${process.pid}-${Date.now().toString(36)}-ne-doit-jamais-sortir`;
const SECRET_NAME = 'mot-de-passe-oublie-en-clair';
/** The site's own kustomization: part of every environment, so the planted Secret is loaded whatever the overlay. */
const HOST = 'apps/base/ffe-docs';

afterAll(() => rmSync(work, { recursive: true, force: true }));

function plantSecret(): void {
  copyManifests(work);
  const kustomization = join(manifests, HOST, 'kustomization.yaml');
  if (!existsSync(kustomization)) throw new Error(`${HOST}/kustomization.yaml introuvable : adaptez HOST dans ce test.`);
  writeFileSync(
    join(manifests, HOST, 'planted-secret.yaml'),
    ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${SECRET_NAME}`, 'type: Opaque', 'stringData:', `  password: ${SECRET_VALUE}`, ''].join('\n'),
  );
  const doc = parseDocument(readFileSync(kustomization, 'utf8'));
  const resources = doc.get('resources') as { add(value: unknown): void } | undefined;
  if (!resources) throw new Error(`${HOST}/kustomization.yaml n’a pas de liste resources.`);
  resources.add('planted-secret.yaml');
  writeFileSync(kustomization, doc.toString());
}

describe('a plaintext Secret in the manifests', () => {
  let build: BuildResult;

  it('stops the build, naming the Secret', { timeout: 300_000 }, async () => {
    plantSecret();
    build = await buildSite(outDir, { FFE_MANIFESTS: manifests, FFE_ALLOW_ERRORS: '' });
    expect(build.code, build.output).not.toBe(0);
    expect(build.output).toContain(SECRET_NAME);
    expect(build.output).toContain('planted-secret.yaml');
  });

  it('never shows its value: not in the build output, not in any built file', () => {
    expect(build, 'le test précédent n’a pas construit').toBeDefined();
    expect(build.output.includes(SECRET_VALUE)).toBe(false);
    const leaking = existsSync(outDir) ? listFiles(outDir).filter((f) => readFileSync(join(outDir, f)).includes(SECRET_VALUE)) : [];
    expect(leaking).toEqual([]);
  });
});
