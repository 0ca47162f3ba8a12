// `npm run drift` as a user runs it: French text with file:line on both sides, `--json` for machines, exit code 1 on
// differences, 0 when Git and the cluster agree, 2 on an unusable export — and never a Secret value, anywhere.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterExport, clusterObjects, exportJson } from '../../scripts/lib/snapshot-fixture.ts';
import { loadModel } from '../../src/infra/index.ts';
import { FIXTURE_PATH as FIXTURES, fixtureSecretValues, PLANTS, TAKEN_AT } from './plan.ts';

const NODE = 'node_modules/.bin/node';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function drift(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(NODE, ['scripts/drift.ts', ...args], { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // A number and its noun are held together by a no-break space: it reads as a space.
      done({ code: error ? Number(error.code ?? 1) : 0, stdout: stdout.replace(/\u00a0/g, ' '), stderr });
    });
  });
}

const work = mkdtempSync(join(tmpdir(), 'ffe-drift-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let text: Run;
let json: Run;
let conform: Run;
let conformJson: Run;
let unusable: Run;

beforeAll(async () => {
  // A cluster running exactly what Git says, with all its server-side noise: no difference at all.
  const model = await loadModel({ checks: [] });
  writeFileSync(join(work, 'production.yaml'), clusterExport(model, 'production', { takenAt: TAKEN_AT }));
  // The same planted differences, exported with `-o json` (kubectl indents with four spaces).
  const objects = clusterObjects(model, 'production', { takenAt: TAKEN_AT, plants: PLANTS.production });
  writeFileSync(join(work, 'export.json'), exportJson(objects));
  // An export cut short: its last object is incomplete.
  mkdirSync(join(work, 'cut'));
  writeFileSync(join(work, 'cut', 'staging.yaml'), 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n    namespace: b\n- apiVersion: v1\n  metadata:\n    name: c\n');
  [text, json, conform, conformJson, unusable] = await Promise.all([
    drift(FIXTURES),
    drift(FIXTURES, '--json'),
    drift(join(work, 'production.yaml')),
    drift(join(work, 'export.json'), '--env', 'production', '--json'),
    drift(join(work, 'cut')),
  ]);
}, 180_000);

describe('npm run drift on the fixture exports', () => {
  it('exits 1 and lists the planted differences in French, located on both sides', () => {
    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toContain('production — export tests/fixtures/drift/production.yaml du 2 juin 2025 à 07:45 UTC');
    expect(text.stdout).toMatch(/ConfigMap booking\/calcom-debug : dans le cluster, dans aucun manifeste\.\n {4}cluster : tests\/fixtures\/drift\/production\.yaml:\d+\n/);
    expect(text.stdout).toMatch(
      /Deployment booking\/calcom — répliques : 1 dans Git, 3 dans le cluster\.\n {4}Git : manifests\/apps\/base\/booking\/deployment\.yaml:\d+ · cluster : tests\/fixtures\/drift\/production\.yaml:\d+/,
    );
    expect(text.stdout).toContain('Kustomization flux-system/monitoring : jamais appliquée');
    expect(text.stdout).toContain('production : 3 écarts');
    expect(text.stdout).toContain('staging : 1 écart');
    expect(text.stdout).toContain('FFE-W-SNAPSHOT-SECRET-VALUES');
    expect(text.stdout + text.stderr).not.toMatch(/\n\s+at /);
  });

  it('gives the same report to machines with --json', () => {
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; differences: number; environments: { env: string; differences: unknown[] }[]; rules: { id: string }[] };
    expect(report.ok).toBe(false);
    expect(report.differences).toBe(4);
    expect(report.environments.map((e) => [e.env, e.differences.length])).toEqual([
      ['production', 3],
      ['staging', 1],
    ]);
    expect(report.rules.length).toBeGreaterThan(10);
  });

  it('never prints a Secret value, in text or in JSON', () => {
    const values = fixtureSecretValues();
    expect(values.length).toBeGreaterThan(50);
    const leaked = values.filter((v) => text.stdout.includes(v) || text.stderr.includes(v) || json.stdout.includes(v));
    expect(leaked).toEqual([]);
  });
});

describe('npm run drift on a cluster that matches Git', () => {
  it('ignores the server’s defaults, status and noise, and exits 0', () => {
    expect(conform.code, conform.stdout + conform.stderr).toBe(0);
    expect(conform.stdout).toMatch(/production : conforme, aucun écart \(130 objets comparés\)\./);
  });

  it('reads a JSON export too, locating each object at its line', () => {
    expect(conformJson.code).toBe(1);
    const report = JSON.parse(conformJson.stdout) as { environments: { differences: { subject: { name: string }; cluster: { path: string; line: number } }[] }[] };
    const differences = report.environments[0].differences;
    expect(differences).toHaveLength(3);
    const lines = readFileSync(join(work, 'export.json'), 'utf8').split('\n');
    for (const d of differences) {
      expect(lines[d.cluster.line - 1]).toBe('        {');
      expect(lines.slice(d.cluster.line, d.cluster.line + 400).join('\n')).toContain(`"name": "${d.subject.name}"`);
    }
  });
});

describe('npm run drift on an unusable export', () => {
  it('exits 2 with the file, the line and what to do, in French, and compares nothing', () => {
    expect(unusable.code).toBe(2);
    expect(unusable.stdout).toBe('');
    expect(unusable.stderr).toMatch(/cut\/staging\.yaml:9  erreur  FFE-E-SNAPSHOT-OBJECT  Élément de l’export illisible : objet sans kind\.\n  → /);
    expect(unusable.stderr).toContain('export inutilisable, aucune comparaison faite');
    expect(unusable.stderr).not.toMatch(/\n\s+at /);
  });
});
