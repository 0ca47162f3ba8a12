// A Secret the repository writes outside what Flux applies (a bootstrap folder, applied by hand) is not « introuvable »:
// the reference to it is a warning that names the file, for the reader to judge.
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/infra/index.ts';

const FIXTURE = 'tests/fixtures/helm-bootstrap-secret';

describe('a Secret written in a bootstrap folder', () => {
  it('is a warning naming its file, not a missing Secret', async () => {
    const model = await loadModel({ root: FIXTURE, checks: [] });
    const found = model.findings.filter((f) => f.code.includes('SECRET'));
    expect(found.map((f) => [f.code, f.severity, f.location?.path])).toEqual([['FFE-W-SECRET-OUTSIDE-GITOPS', 'warning', `${FIXTURE}/apps/tunnel.yaml`]]);
    expect(found[0].message).toContain(`${FIXTURE}/bootstrap/secret.yaml:2`);
  });
});
