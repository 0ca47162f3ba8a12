// `npm run drift` catches an image changed by hand in the cluster for a Helm application too: the Deployment its
// app-template release makes is deduced from the values, compared with the cluster's, and the difference points at
// the values' line. Objects of releases read by the common convention, whose names are only the usual ones, are
// left to Helm (not reported missing or different).
import { execFile } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { lineOf } from './fixture.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function drift(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile('node_modules/.bin/node', ['scripts/drift.ts', ...args], { env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout: stdout.replace(/\u00a0/g, ' '), stderr });
    });
  });
}

let run: Run;
let json: { environments: { differences: { type: string; subject: { label: string }; value?: { git: string; cluster: string }; git?: { path: string; line: number } }[] }[] };

beforeAll(async () => {
  const args = ['tests/fixtures/helm-apps-cluster/default.yaml', '--manifests', 'tests/fixtures/helm-apps'];
  const [text, machine] = await Promise.all([drift(...args), drift(...args, '--json')]);
  run = text;
  json = JSON.parse(machine.stdout);
}, 60_000);

describe('npm run drift on a Helm application', () => {
  it('reports the image changed by hand, and nothing else', () => {
    expect(run.code, run.stderr).toBe(1);
    const differences = json.environments.flatMap((r) => r.differences);
    expect(differences.map((d) => `${d.type} ${d.subject.label} ${d.value?.git ?? ''} → ${d.value?.cluster ?? ''}`)).toEqual([
      'value Deployment media/streamer ghcr.io/example/streamer:10.11.2 → ghcr.io/example/streamer:10.12.0-rc1',
    ]);
  });

  it('points at the tag in the release’s values', () => {
    const difference = json.environments.flatMap((r) => r.differences)[0];
    expect(difference.git).toEqual({ path: 'tests/fixtures/helm-apps/media/helmrelease.yaml', line: lineOf('media/helmrelease.yaml', 'tag: 10.11.2') });
    expect(run.stdout).toContain(`tests/fixtures/helm-apps/media/helmrelease.yaml:${lineOf('media/helmrelease.yaml', 'tag: 10.11.2')}`);
  });
});
