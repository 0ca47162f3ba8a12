// A repository says how it works: Secrets made outside Git are not errors when its options say so, and its own
// exemption annotations are honoured.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentChecks, loadModel, modelFromYaml } from '../../src/infra/index.ts';

const WORKER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: jobs
  annotations:
    policy.example.org/allow-root: "l’image tourne en root"
    policy.example.org/writable-root-filesystem: "cache disque"
spec:
  selector: {matchLabels: {app: worker}}
  template:
    metadata: {labels: {app: worker}}
    spec:
      containers:
        - name: worker
          image: worker:1.0
          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
          envFrom:
            - secretRef: {name: made-by-hand}
`;

describe('severities set by the repository', () => {
  it('turn a rule or a finding code into another severity, or drop it', async () => {
    const strict = await loadModel({ root: 'tests/fixtures/infra/bad/plaintext-secret' });
    expect(strict.findings.map((f) => [f.code, f.severity])).toContainEqual(['FFE-E-SECRET-PLAINTEXT', 'error']);
    const lenient = await loadModel({ root: 'tests/fixtures/infra/bad/plaintext-secret', severities: { 'no-plaintext-secret': 'warning' } });
    expect(lenient.findings.map((f) => [f.code, f.severity])).toContainEqual(['FFE-E-SECRET-PLAINTEXT', 'warning']);
    const off = await loadModel({ root: 'tests/fixtures/infra/bad/plaintext-secret', severities: { 'FFE-E-SECRET-PLAINTEXT': 'off' } });
    expect(off.findings.map((f) => f.code)).not.toContain('FFE-E-SECRET-PLAINTEXT');
  });

  it('let a Secret created by hand be a note rather than an error', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ffe-severities-'));
    try {
      writeFileSync(join(root, 'worker.yaml'), WORKER);
      const codes = async (severities?: Record<string, 'notice'>) =>
        (await loadModel({ root, checks: [], ...(severities ? { severities } : {}) })).findings.map((f) => [f.code, f.severity]);
      expect(await codes()).toEqual([['FFE-E-SECRET-MISSING', 'error']]);
      expect(await codes({ 'FFE-E-SECRET-MISSING': 'notice' })).toEqual([['FFE-E-SECRET-MISSING', 'notice']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('exemption annotations', () => {
  const securityFindings = (annotationPrefix?: string) =>
    modelFromYaml(WORKER, { checks: environmentChecks({ annotationPrefix }) }).findings.filter((f) => f.code === 'FFE-W-SECURITY-CONTEXT');

  it('follow the repository’s prefix', () => {
    expect(securityFindings()[0]?.message).toContain('runAsNonRoot: true');
    expect(securityFindings()[0]?.hint).toContain('policy.ffe.fr/allow-root');
    expect(securityFindings('policy.example.org')).toEqual([]);
  });
});
