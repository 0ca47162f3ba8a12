// Made elsewhere is not missing: a reference the manifests do not hold, to an object a HelmRelease's chart, Flux's
// controllers or a well-known chart make in the cluster, is resolved to its probable maker — « créé par le
// HelmRelease X (déduit) » — and is no error. Each case is modelled on a public repository where it was a false error.
import { describe, expect, it } from 'vitest';
import { modelFromYaml } from '../../src/infra/index.ts';
import { helmAppsModel } from './fixture.ts';

const relationTo = (to: string) => helmAppsModel().relations.find((r) => r.to.endsWith(to));

describe('a reference to an object made elsewhere', () => {
  it('to the Deployment of an app-template release (an autoscaler from a shared component) finds the deduced one', () => {
    const scales = relationTo('/apps/Deployment/media/streamer');
    expect(scales?.type).toBe('scales');
    expect(scales?.detail?.external).toBeUndefined();
    expect(helmAppsModel().findings.map((f) => f.code)).not.toContain('FFE-E-SCALE-TARGET-MISSING');
  });

  it('to Flux’s webhook-receiver Service is made by its notification-controller', () => {
    const route = relationTo('/core/Service/flux-system/webhook-receiver');
    expect(route?.detail).toMatchObject({ external: 'true', madeBy: 'créé par le notification-controller de Flux (déduit)' });
  });

  it('to a Service of fixed name a well-known chart makes (Cilium’s hubble-ui) is made by its release', () => {
    const route = relationTo('/core/Service/platform-system/hubble-ui');
    expect(route?.detail).toMatchObject({ madeBy: 'créé par le HelmRelease cilium (déduit)', producedBy: 'default/helm.toolkit.fluxcd.io/HelmRelease/platform-system/cilium' });
  });

  it('to `<release>-<suffix>` or `<release>` in a release’s namespace is made by that release', () => {
    expect(relationTo('/core/Service/dev/forgejo-http')?.detail?.madeBy).toBe('créé par le HelmRelease forgejo (déduit)');
    expect(relationTo('/apps/Deployment/dev/forgejo')?.detail?.madeBy).toBe('créé par le HelmRelease forgejo (déduit)');
    expect(helmAppsModel().findings.filter((f) => /MISSING/.test(f.code))).toEqual([]);
  });

  it('stays missing when nothing plausibly makes it, and a release’s own objects do not make what its values lack', () => {
    const model = modelFromYaml(
      `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
  namespace: shop
spec:
  rules:
    - backendRefs:
        - name: shop-web
          port: 80
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: other
  namespace: elsewhere
spec:
  chart:
    spec:
      chart: shop
`,
      { checks: [] },
    );
    expect(model.findings.map((f) => f.code)).toEqual(['FFE-E-SERVICE-MISSING']);
  });
});

describe('a Secret an operator makes', () => {
  it('from a Talos ServiceAccount (talos.dev) is not missing', () => {
    const model = modelFromYaml(
      `apiVersion: talos.dev/v1alpha1
kind: ServiceAccount
metadata:
  name: etcd-backup
  namespace: kube-system
spec:
  roles: [os:etcd:backup]
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: etcd-backup
  namespace: kube-system
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: backup
              image: ghcr.io/example/talos-backup:1.0.0
          volumes:
            - name: talos-secrets
              secret:
                secretName: etcd-backup
`,
      { checks: [] },
    );
    expect(model.findings).toEqual([]);
    expect(model.relations.find((r) => r.type === 'uses-secret')?.detail?.producedBy).toBe('default/talos.dev/ServiceAccount/kube-system/etcd-backup');
  });
});
