// `npm run build` runs the same checks first: errors stop it unless FFE_ALLOW_ERRORS=1.
import { describe, expect, it } from 'vitest';
import { checkManifestsForBuild, ManifestCheckError } from '../../src/infra/index.ts';

const BAD = 'tests/fixtures/infra/bad/plaintext-secret';

describe('the build gate', () => {
  it('stops on errors with the located report as its message and no stack trace', async () => {
    const error = await checkManifestsForBuild({ root: BAD, allowErrors: false, log: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestCheckError);
    const message = (error as Error).message;
    expect(message).toContain(`${BAD}/secret.yaml:1  erreur  FFE-E-SECRET-PLAINTEXT`);
    expect(message).toContain('FFE_ALLOW_ERRORS=1');
    expect((error as Error).stack).not.toMatch(/\n\s+at /);
  });

  it('builds anyway when errors are allowed, printing them', async () => {
    const lines: string[] = [];
    const model = await checkManifestsForBuild({ root: BAD, allowErrors: true, log: (t) => lines.push(t) });
    expect(model.environments[0].resources).toHaveLength(1);
    expect(lines.join('\n')).toContain('FFE-E-SECRET-PLAINTEXT');
  });

  it('lets clean manifests through', async () => {
    const model = await checkManifestsForBuild({ root: 'tests/fixtures/infra/layouts/overlays', log: () => {} });
    expect(model.environments.map((e) => e.name)).toEqual(['production', 'staging']);
  });
});
