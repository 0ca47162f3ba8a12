import { describe, expect, it } from 'vitest';
import { describeCron } from '../../src/views/schedule.ts';
import { chartVersionRows } from '../../src/views/tables/chart-versions.ts';
import { componentRows } from '../../src/views/tables/components.ts';
import { endpointRows } from '../../src/views/tables/endpoints.ts';
import { imageRows } from '../../src/views/tables/images.ts';
import { inventoryRows } from '../../src/views/tables/inventory.ts';
import { networkMatrix } from '../../src/views/tables/network-matrix.ts';
import { resourceUsage } from '../../src/views/tables/resource-usage.ts';
import { scheduleRows } from '../../src/views/tables/schedules.ts';
import { storageRows } from '../../src/views/tables/storage.ts';
import { shopModel } from './helpers.ts';

const model = shopModel();

describe('inventory', () => {
  it('links every row to its resource page and gives its source file and line', () => {
    const rows = inventoryRows(model, 'production');
    const web = rows.find((r) => r.key === 'production/apps/Deployment/shop/web')!;
    expect(web).toMatchObject({ kindLabel: 'Déploiement', namespace: 'shop', href: '/infra/production/shop/deployment/web/', application: 'shop' });
    expect(web.source.path).toBe('manifests/base.yaml');
    expect(web.source.line).toBeGreaterThan(1);
    expect(rows.find((r) => r.kind === 'Namespace' && r.name === 'shop')!.href).toBe('/infra/production/_cluster/namespace/shop/');
  });
});

describe('images', () => {
  const rows = imageRows(model);

  it('flags an image whose version differs between staging and production', () => {
    const web = rows.filter((r) => r.container === 'web');
    expect(web.map((r) => [r.env, r.tag, r.differs])).toEqual([
      ['production', '1.3.2', true],
      ['staging', '1.4.0', true],
    ]);
    expect(web[0].elsewhere).toEqual([{ env: 'staging', image: 'ghcr.io/example/shop:1.4.0' }]);
  });

  it('flags unpinned images and keeps identical ones unflagged', () => {
    const cleanup = rows.find((r) => r.container === 'cleanup' && r.env === 'production')!;
    expect(cleanup).toMatchObject({ pinned: false, differs: false, shortName: 'busybox:latest' });
    expect(rows.find((r) => r.container === 'postgres' && r.env === 'production')).toMatchObject({ pinned: true, differs: false });
  });
});

describe('public endpoints', () => {
  it('lists host, path, service, port and TLS issuer', () => {
    expect(endpointRows(model, 'production')).toEqual([
      expect.objectContaining({
        host: 'shop.example',
        path: '/',
        url: 'https://shop.example/',
        port: 'http',
        tls: true,
        issuer: 'ClusterIssuer letsencrypt',
        service: { key: 'production/core/Service/shop/web', label: 'Service shop/web', href: '/infra/production/shop/service/web/' },
      }),
    ]);
  });
});

describe('storage', () => {
  it('gives size, class, users and backup schedule of volumes and databases', () => {
    const rows = storageRows(model, 'production');
    const pvc = rows.find((r) => r.resource.key.endsWith('/PersistentVolumeClaim/shop/uploads'))!;
    expect(pvc).toMatchObject({ size: '2Gi', storageClass: 'local-path', accessModes: ['ReadWriteOnce'] });
    expect(pvc.usedBy.map((u) => u.label)).toEqual(['Deployment shop/web']);
    expect(pvc.backups).toEqual([
      expect.objectContaining({ schedule: 'Une fois par jour, à une heure tirée au hasard', destination: 'https://s3.example.org/volumes' }),
    ]);
    const db = rows.find((r) => r.resource.key.endsWith('/Cluster/shop/shop-db'))!;
    expect(db).toMatchObject({ size: '5Gi', storageClass: 'local-path', type: 'Cluster PostgreSQL' });
    expect(db.backups).toEqual([expect.objectContaining({ schedule: 'À 02:15, tous les jours', destination: 's3://backups/shop' })]);
  });
});

describe('scheduled jobs', () => {
  it('describes cron expressions in French, with the time zone', () => {
    const rows = scheduleRows(model, 'production');
    expect(rows.find((r) => r.resource.label === 'CronJob shop/cleanup')).toMatchObject({
      expression: '30 4 * * 1',
      description: 'À 04:30, uniquement le lundi',
      timeZone: 'Europe/Paris',
      valid: true,
    });
    expect(rows.find((r) => r.kindLabel === 'Sauvegarde planifiée')).toMatchObject({
      expression: '0 15 2 * * *',
      description: 'À 02:15, tous les jours',
      target: expect.objectContaining({ label: 'Cluster shop/shop-db' }),
    });
  });

  it('says when an expression cannot be read instead of failing', () => {
    expect(describeCron('every day')).toEqual({ text: 'Expression « every day » non reconnue', valid: false });
  });
});

describe('requests and limits', () => {
  const usage = resourceUsage(model, 'production');

  it('multiplies per-pod amounts by replicas and adds them up per namespace', () => {
    const web = usage.rows.find((r) => r.resource.label === 'Deployment shop/web')!;
    expect(web.replicas).toBe(2);
    expect(web.total.cpuRequests).toBeCloseTo(0.5);
    expect(web.formatted.memoryRequests).toBe('512\u00a0Mio');
    expect(web.missing).toEqual(['web : limits.cpu']);
    const shop = usage.namespaces.find((n) => n.namespace === 'shop')!;
    expect(shop.total.cpuRequests).toBeCloseTo(0.6);
    expect(shop.href).toBe('/infra/production/shop/');
  });

  it('leaves CronJobs out of the totals', () => {
    expect(usage.rows.find((r) => r.resource.label === 'CronJob shop/cleanup')!.transient).toBe(true);
    expect(usage.total.cpuRequests).toBeCloseTo(0.6);
  });

  it('compares the totals with the node capacity declared by a labelled ConfigMap', () => {
    expect(usage.capacity).toMatchObject({ cpu: 4, memory: 8 * 2 ** 30 });
    expect(usage.share!.cpuRequests).toBeCloseTo(0.15);
  });
});

describe('network matrix', () => {
  it('marks the allowed flows between namespaces, with ports and direction', () => {
    const matrix = networkMatrix(model, 'production');
    expect(matrix.ends.map((e) => e.label)).toEqual(['flux-system', 'kube-system', 'shop', 'Internet (0.0.0.0/0)']);
    const fromKubeSystem = matrix.rows.find((r) => r.from === 'ns:kube-system')!;
    expect(fromKubeSystem.cells.find((c) => c.to === 'ns:shop')).toMatchObject({ allowed: true, ingress: ['8080/TCP'], text: 'entrée : 8080/TCP' });
    expect(fromKubeSystem.cells.find((c) => c.to === 'ns:flux-system')).toMatchObject({ allowed: false, text: '—' });
    expect(matrix.ends.find((e) => e.key === 'ns:shop')!.isolated).toBe(true);
  });
});

describe('components', () => {
  it('lists the Helm charts with the resource that declares them', () => {
    expect(componentRows(model, 'production')).toEqual([
      expect.objectContaining({ chart: 'traefik', namespace: 'kube-system', resource: expect.objectContaining({ href: '/infra/production/kube-system/helmchartconfig/traefik/' }) }),
    ]);
  });
});

describe('chart versions', () => {
  const release = (namespace: string, name: string, chart: string, version: string) => `
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  interval: 1h
  chart:
    spec:
      chart: ${chart}
      version: ${version}
      sourceRef: { kind: HelmRepository, name: charts, namespace: flux-system }
`;
  const text = [
    release('media', 'plex', 'app-template', '4.2.0'),
    release('home', 'zigbee', 'app-template', '4.2.0'),
    release('dev', 'forgejo', 'app-template', '3.7.3'),
    release('database', 'dragonfly', 'dragonfly-operator', '1.1.0'),
  ].join('---');
  const rows = chartVersionRows(shopModel([{ env: 'cluster', path: 'apps/releases.yaml', text }]), 'cluster');

  it('gives one row per chart and version, with every release installing it', () => {
    expect(rows.map((r) => [r.chart, r.version, r.releases.map((l) => l.key.split('/').slice(-2).join('/'))])).toEqual([
      ['app-template', '3.7.3', ['dev/forgejo']],
      ['app-template', '4.2.0', ['home/zigbee', 'media/plex']],
      ['dragonfly-operator', '1.1.0', ['database/dragonfly']],
    ]);
  });

  it('links each release to its page', () => {
    expect(rows[1]!.releases.map((l) => l.href)).toEqual(['/infra/cluster/home/helmrelease/zigbee/', '/infra/cluster/media/helmrelease/plex/']);
  });
});
