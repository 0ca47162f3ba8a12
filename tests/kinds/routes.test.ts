// The route parsers and the endpoints read from them: what every route kind publishes, read once for relations,
// endpoints, TLS relations and the TLS check.
import { describe, expect, it } from 'vitest';
import { endpointsOf, environmentFromYaml, modelFromYaml, publicHosts } from '../../src/infra/index.ts';

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: app}
spec: {ports: [{name: http, port: 80, targetPort: 8080}]}
`;

const endpoints = (yaml: string) =>
  endpointsOf(environmentFromYaml('test', `${SERVICE}---\n${yaml}`)).map((e) => ({
    host: e.host,
    path: e.path,
    service: e.service?.split('/').at(-1),
    tls: e.tls,
    ...(e.issuer ? { issuer: e.issuer } : {}),
  }));

describe('endpoints of every route kind', () => {
  it('include an Ingress default backend', () => {
    // The endpoints used to skip `defaultBackend`, which the relations read: the same Ingress told two stories.
    const found = endpoints(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: app}
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}`);
    expect(found).toEqual([{ host: '*', path: '/', service: 'web', tls: false }]);
  });

  it('read Traefik rules whatever their quotes, and HostSNI in TCP routes', () => {
    // Single-quoted arguments, HostSNI and IngressRouteTCP were read by the relations only.
    const found = endpoints(`apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: {name: web, namespace: app}
spec:
  routes: [{match: "Host('a.example') && PathPrefix('/api')", services: [{name: web, port: 80}]}]
  tls: {certResolver: le}
---
apiVersion: traefik.io/v1alpha1
kind: IngressRouteTCP
metadata: {name: db, namespace: app}
spec:
  routes: [{match: 'HostSNI(\`db.example\`)', services: [{name: web, port: 80}]}]
  tls: {passthrough: true}`);
    expect(found).toEqual([
      { host: 'a.example', path: '/api', service: 'web', tls: true, issuer: 'résolveur Traefik le' },
      { host: 'db.example', path: '/', service: 'web', tls: true },
    ]);
  });

  it('publish a host whose only backend is not a Service', () => {
    const found = endpoints(`apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: {name: web, namespace: app}
spec:
  routes: [{match: 'Host(\`w.example\`)', services: [{name: weighted, kind: TraefikService}]}]`);
    expect(found).toEqual([{ host: 'w.example', path: '/', tls: false }]);
  });

  it('read an HTTPRoute with an empty hostname list as matching every host', () => {
    // `hostnames: []` gave no endpoint and a relation reason with no host in it.
    const yaml = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: app}
spec:
  hostnames: []
  rules: [{backendRefs: [{name: web, port: 80}]}]`;
    expect(endpoints(yaml)).toEqual([{ host: '*', path: '/', service: 'web', tls: false }]);
    const [route] = modelFromYaml(`${SERVICE}---\n${yaml}`, { checks: [] }).relations.filter((r) => r.type === 'routes-to');
    expect(route.reason).toBe('route l’hôte */ vers le port http (80)');
  });

  it('take the issuer from the Certificate that fills the TLS Secret when no annotation names one', () => {
    const found = endpoints(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: app}
spec:
  tls: [{hosts: [w.example], secretName: web-tls}]
  rules: [{host: w.example, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: app}
spec: {secretName: web-tls, issuerRef: {name: le, kind: ClusterIssuer}}`);
    expect(found).toEqual([{ host: 'w.example', path: '/', service: 'web', tls: true, issuer: 'ClusterIssuer le' }]);
  });
});

describe('cert-manager annotations', () => {
  it('ask for no certificate when empty, for the relations as for the TLS check', () => {
    // The TLS relation took an empty `cluster-issuer` for a ClusterIssuer named '' and the Secret for one cert-manager
    // would issue; the TLS check (rightly) saw no issuer at all.
    const model = modelFromYaml(`${SERVICE}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: app, annotations: {cert-manager.io/cluster-issuer: ''}}
spec:
  tls: [{hosts: [w.example], secretName: web-tls}]
  rules: [{host: w.example, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]`);
    expect(model.relations.filter((r) => r.type === 'issued-by')).toEqual([]);
    const codes = model.findings.map((f) => f.code);
    expect(codes).toContain('FFE-E-SECRET-MISSING');
    expect(codes).toContain('FFE-W-INGRESS-TLS');
    expect(publicHosts(model.environments[0])).toEqual(['w.example']);
  });
});
