// Files as the cluster sees them, on a layout cut down from an Argo CD homelab: a root Application written in JSON,
// JSON manifests beside YAML ones, braces that are data (alerting and secret templates), a chart's templates.
import { describe, expect, it } from 'vitest';
import { loadModel, parseManifest } from '../../src/infra/index.ts';

const ROOT = 'tests/fixtures/real-files/argo';
const load = () => loadModel({ root: ROOT, checks: [] });

describe('an Argo CD repository with JSON manifests', () => {
  it('starts from the root Application written in JSON and reads the JSON manifests it deploys', async () => {
    const model = await load();
    expect(model.environments.map((e) => e.name)).toEqual(['bootstrap']);
    const keys = model.environments[0].resources.map((r) => r.key);
    expect(keys).toContain('bootstrap/argoproj.io/Application/argocd/root');
    expect(keys).toContain('bootstrap/core/Namespace/_cluster/monitoring');
  });
});

describe('braces in manifests', () => {
  it('are data inside string values: alerting rules and secret templates are read', async () => {
    const model = await load();
    const keys = model.environments[0].resources.map((r) => r.key);
    expect(keys).toContain('bootstrap/monitoring.coreos.com/PrometheusRule/monitoring/certificates');
    expect(keys).toContain('bootstrap/external-secrets.io/ExternalSecret/monitoring/broker');
    const rule = model.environments[0].resources.find((r) => r.id.kind === 'PrometheusRule')!;
    expect(JSON.stringify(rule.object)).toContain('{{ $value | humanizeDuration }}');
  });

  it('make a Helm template only inside a chart: a chart met in a folder read is skipped whole, in one note', async () => {
    const model = await load();
    expect(model.findings.filter((f) => f.code === 'FFE-W-HELM-TEMPLATE')).toEqual([]);
    const charts = model.findings.filter((f) => f.code === 'FFE-N-HELM-CHARTS');
    expect(charts).toHaveLength(1);
    expect(charts[0].message).toContain(`${ROOT}/apps/charts/demo/`);
  });

  it('are a template where they are not YAML: Jinja statements as well as Helm actions', () => {
    const jinja = parseManifest('pool.yaml', 'apiVersion: cilium.io/v2\nkind: CiliumLoadBalancerIPPool\nmetadata:\n  name: pool\nspec:\n  blocks:\n    {% for cidr in cidrs %}\n    - cidr: {{ cidr }}\n    {% endfor %}\n');
    expect(jinja.documents).toEqual([]);
    expect(jinja.findings).toEqual([expect.objectContaining({ code: 'FFE-W-HELM-TEMPLATE', location: { path: 'pool.yaml', line: 7 } })]);
  });
});

describe('folders no entry point reaches', () => {
  const UNREACHED = 'tests/fixtures/real-files/unreached';

  it('are left out, test data never taken for an entry point', async () => {
    const model = await loadModel({ root: UNREACHED, checks: [] });
    expect(model.environments.map((e) => e.name)).toEqual(['cluster']);
    const keys = model.environments[0].resources.map((r) => r.key);
    expect(keys).toContain('cluster/core/ConfigMap/demo/demo');
    expect(keys.filter((k) => k.includes('sample') || k.includes('Namespace/_cluster/flux-system'))).toEqual([]);
  });

  it('are listed in one note (a Component, built by what lists it, is not among them)', async () => {
    const model = await loadModel({ root: UNREACHED, checks: [] });
    const notes = model.findings.filter((f) => f.code === 'FFE-N-UNREACHED-FOLDERS');
    expect(notes).toHaveLength(1);
    expect(notes[0].message).toContain(`${UNREACHED}/bootstrap/, ${UNREACHED}/hack/.`);
    expect(notes[0].message).not.toContain('components');
  });
});
