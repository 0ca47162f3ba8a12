// Views read facts through the infra parsers: where two views used to read the same fact differently, they now agree.
import { describe, expect, it } from 'vitest';
import { DocumentationError, modelFromYaml } from '../../src/infra/index.ts';
import { imageVersion } from '../../src/views/prose/image-version.ts';
import { resourceView } from '../../src/views/resource.ts';
import { securityRows } from '../../src/views/tables/security.ts';
import { networkMatrix } from '../../src/views/tables/network-matrix.ts';

const model = modelFromYaml(
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: mail
  namespace: app
  annotations: {policy.ffe.fr/allow-root: '', policy.ffe.fr/writable-root-filesystem: 'l’image écrit dans /var/lib'}
spec:
  template:
    spec:
      initContainers: [{name: migrate, image: 'listmonk:4.1.0'}]
      containers: [{name: listmonk, image: 'listmonk:4.1.0'}, {name: exporter, image: 'exporter:1.0.0'}]
---
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: db, namespace: app}
spec: {imageName: 'ghcr.io/cloudnative-pg/postgresql:17.2'}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ranges, namespace: app}
spec:
  podSelector: {}
  egress: [{to: [{namespaceSelector: {}}], ports: [{port: 8000, endPort: 8080}]}]
`,
  { checks: [] },
);

describe('readings shared by the views', () => {
  it('counts each container of a workload once in the security table', () => {
    // The table counted init containers twice (the container list already held them).
    const [row] = securityRows(model, 'default');
    expect(row.containers).toBe(3);
  });

  it('lists only the exemptions that give a reason, as the security rule reads them', () => {
    const [row] = securityRows(model, 'default');
    expect(row.exemptions).toEqual([{ annotation: 'policy.ffe.fr/writable-root-filesystem', reason: 'l’image écrit dans /var/lib' }]);
  });

  it('quotes the image of the first container, not of an init container', () => {
    expect(imageVersion(model, { namespace: 'app', name: 'mail', env: 'default' })).toMatchObject({ container: 'listmonk', version: '4.1.0' });
    expect(imageVersion(model, { namespace: 'app', name: 'mail', container: 'migrate', env: 'default' })).toMatchObject({ container: 'migrate' });
  });

  it('gives a database cluster without `instances` the operator’s default of one', () => {
    // The resource page showed no replica count for it, the resource usage table counted one pod.
    expect(resourceView(model, 'default/postgresql.cnpg.io/Cluster/app/db').summary.replicas).toBe('1 instance');
  });

  it('reads a port range the same way in the relation and in the network matrix', () => {
    // The relation named only the first port of a range.
    const allows = model.relations.find((r) => r.type === 'allows-to')!;
    expect(allows.reason).toBe('autorise le trafic sortant vers le namespace app sur le port 8000-8080');
    const cell = networkMatrix(model, 'default').rows.find((r) => r.from === 'ns:app')!.cells.find((c) => c.to === 'ns:app')!;
    expect(cell.egress).toEqual(['8000-8080/TCP']);
  });
});

describe('errors a page can meet', () => {
  it('say in French what is wrong and what to do, with no stack trace', () => {
    let error: unknown;
    try {
      imageVersion(model, { namespace: 'app', name: 'mail', container: 'nope', env: 'default' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DocumentationError);
    const { message, hint, stack } = error as DocumentationError;
    expect(message).toBe('<ImageVersion namespace="app" name="mail" /> : aucun conteneur « nope » (conteneurs : migrate, listmonk, exporter)');
    expect(hint).toContain('container=');
    expect(stack).not.toMatch(/\n\s+at /);
  });
});
