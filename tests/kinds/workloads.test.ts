// The workload parser: one reading of containers, images, replicas and security contexts for relations, checks and
// views alike.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type KubeObject, POLICY_RULES, workloadOf } from '../../src/infra/index.ts';

const deployment = (spec: string, extra = ''): KubeObject =>
  parse(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: app${extra}}
spec:
${spec}
`) as KubeObject;

const securityRule = POLICY_RULES.find((r) => r.id === 'security-context')!;

describe('workloadOf', () => {
  it('lists init containers first and every container once', () => {
    const workload = workloadOf(
      deployment(`  template:
    spec:
      initContainers: [{name: migrate, image: app:1}]
      containers: [{name: app, image: app:1}, null, {name: side, image: side:2}]`),
    )!;
    expect(workload.containers.map((c) => [c.name, c.init])).toEqual([
      ['migrate', true],
      ['app', false],
      ['side', false],
    ]);
  });

  it('reads replicas with one rule: what is written, else Kubernetes’ default of 1', () => {
    expect(workloadOf(deployment('  replicas: 3\n  template: {spec: {containers: []}}'))!.replicas).toEqual({ by: 'replicas', count: 3, field: ['spec', 'replicas'], at: ['spec', 'replicas'] });
    expect(workloadOf(deployment('  replicas: 0\n  template: {spec: {containers: []}}'))!.replicas).toEqual({ by: 'replicas', count: 0, field: ['spec', 'replicas'], at: ['spec', 'replicas'] });
    // Not written: Kubernetes' default, read from no field (`field` says where it would be written).
    expect(workloadOf(deployment('  template: {spec: {containers: []}}'))!.replicas).toEqual({ by: 'replicas', count: 1, field: ['spec', 'replicas'] });
  });

  it('is a workload only in the API group that defines the kind', () => {
    const foreign = { ...deployment('  template: {spec: {containers: [{name: a}]}}'), apiVersion: 'example.com/v1' };
    expect(workloadOf(foreign)).toBeUndefined();
  });

  it('applies the pod security context where a container leaves it out', () => {
    const [inherits, overrides] = workloadOf(
      deployment(`  template:
    spec:
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
        - {name: inherits}
        - {name: overrides, securityContext: {runAsNonRoot: false}}`),
    )!.containers;
    expect(inherits.security).toMatchObject({ runsAsNonRoot: true, seccomp: true });
    expect(overrides.security).toMatchObject({ runsAsNonRoot: false, seccomp: true });
  });

  it('reads `drop: [ALL]` case-sensitively, as the Pod Security Standards do', () => {
    // The security-context rule compared case-insensitively and passed `drop: [all]`, which drops nothing for the
    // restricted Pod Security Standard; the security table already compared it exactly.
    const hardened = (drop: string) =>
      deployment(`  template:
    spec:
      containers:
        - name: app
          securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: {drop: [${drop}]}}`);
    expect(workloadOf(hardened('ALL'))!.containers[0].security.dropsAllCapabilities).toBe(true);
    expect(workloadOf(hardened('all'))!.containers[0].security.dropsAllCapabilities).toBe(false);
    expect(securityRule.check([hardened('ALL')])).toEqual([]);
    expect(securityRule.check([hardened('all')]).map((v) => v.message)).toEqual([
      'Deployment web, conteneur « app » : il manque capabilities.drop: [ALL].',
    ]);
  });
});
