import { describe, expect, it } from 'vitest';
import { key, ofType, relationsOf } from './helpers.ts';

describe('CloudNativePG Cluster → backups, secrets and the workloads using it', () => {
  const result = relationsOf('cnpg');
  const cluster = key('postgresql.cnpg.io', 'Cluster', 'db', 'pg');

  it('relates a ScheduledBackup to its cluster, with its schedule', () => {
    expect(ofType(result, 'backs-up')).toEqual([
      {
        type: 'backs-up',
        from: key('postgresql.cnpg.io', 'ScheduledBackup', 'db', 'pg-nightly'),
        to: cluster,
        reason: 'sauvegarde le cluster PostgreSQL pg (planification « 0 0 2 * * * »)',
        detail: { schedule: '0 0 2 * * *' },
      },
    ]);
  });

  it('reports a backup of a cluster that does not exist', () => {
    expect(result.findings.map((f) => [f.code, f.resource])).toEqual([
      ['FFE-E-CNPG-CLUSTER-MISSING', key('postgresql.cnpg.io', 'ScheduledBackup', 'db', 'orphan')],
    ]);
  });

  it('finds the workloads that reach the cluster’s services or read its secrets, across namespaces', () => {
    expect(ofType(result, 'uses-database').map((r) => [r.from, r.reason, r.detail])).toEqual([
      [
        key('apps', 'Deployment', 'db', 'migrate'),
        'utilise le cluster PostgreSQL pg via l’hôte pg-ro (variable PGHOST) et le Secret pg-app',
        { services: 'pg-ro', secrets: 'pg-app' },
      ],
      [key('apps', 'Deployment', 'ffe', 'api'), 'utilise le cluster PostgreSQL pg via l’hôte pg-rw (variable DATABASE_URL)', { services: 'pg-rw' }],
    ]);
  });

  it('produces the application Secret', () => {
    expect(ofType(result, 'produces-secret').map((r) => [r.from, r.to])).toEqual([[cluster, key('', 'Secret', 'db', 'pg-app')]]);
  });
});
