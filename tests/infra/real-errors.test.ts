// Errors carry their real cause: a remote kustomize base that cannot be fetched says why (network, credentials,
// missing file), not the « file not found » kustomize ends with after trying the URL as a local path.
import { describe, expect, it } from 'vitest';
import { failureCause, loadModel } from '../../src/infra/index.ts';

describe('the cause of a failed fetch', () => {
  it('is the network when the host does not resolve, whatever kustomize reports last', () => {
    const stderr = `accumulating resources from 'https://github.com/acme/base//deploy': evalsymlink failure on '/tmp/kustomize-1/deploy' : lstat /tmp/kustomize-1/deploy: no such file or directory: failed to run '/usr/bin/git fetch': fatal: unable to access 'https://github.com/acme/base/': Could not resolve host: github.com`;
    expect(failureCause(stderr)).toBe('réseau : l’hôte github.com est introuvable (pas de réseau, ou DNS injoignable)');
  });

  it('is the credentials when the server refuses them, a missing file otherwise', () => {
    expect(failureCause("fatal: could not read Username for 'https://git.example.org': terminal prompts disabled")).toMatch(/^authentification refusée/);
    expect(failureCause('fatal: Authentication failed for https://git.example.org/x.git')).toMatch(/^authentification refusée/);
    expect(failureCause("lstat /repo/base: no such file or directory")).toBe('fichier ou dossier introuvable');
  });

  it('reaches the finding of a kustomization whose remote base cannot be fetched', async () => {
    const model = await loadModel({ root: 'tests/fixtures/real-errors/remote-base', remoteResources: true, checks: [] });
    const failure = model.findings.find((f) => f.code === 'FFE-E-KUSTOMIZE');
    expect(failure?.message).toContain('réseau : l’hôte git.example.invalid est introuvable');
    expect(failure?.message).not.toContain('introuvable »');
  });
});
