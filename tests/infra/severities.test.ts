// A repository says how it works: Secrets made outside Git are not errors when its options say so, and its own
// exemption annotations are honoured.
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/infra/load.ts';
import { modelFromYaml } from '../../src/infra/core.ts';
import { applySeverities } from '../../src/infra/severities.ts';
import { environmentChecks } from '../../src/infra/checks/index.ts';

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

  it('let a Secret created by hand be a note rather than an error', () => {
    const findings = modelFromYaml(WORKER, { checks: [] }).findings;
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['FFE-E-SECRET-MISSING', 'error']]);
    expect(applySeverities(findings, { 'FFE-E-SECRET-MISSING': 'notice' }).map((f) => f.severity)).toEqual(['notice']);
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
