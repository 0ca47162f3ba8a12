// `npm test` on a fresh machine (scripts/test.ts): what the tests need from the system is installed from Debian when
// it can be (root with apt-get), as in CI; otherwise the command stops before any test, with one line saying what to
// run. Judged on stand-in machines: this one already has everything.
import { describe, expect, it } from 'vitest';
import { missingPrerequisites, prerequisitesPlan, type MachineProbe } from '../../scripts/lib/prerequisites.ts';
import { toolSettings } from '../../src/site/settings.ts';

function machine(has: string[], options: { root?: boolean; commands?: string[] } = {}): MachineProbe {
  return { exists: (path) => has.includes(path), onPath: (command) => (options.commands ?? ['kubectl', 'apt-get']).includes(command), root: options.root ?? true };
}
const EVERYTHING = ['/usr/sbin/nginx', '/usr/bin/chromium'];
const plan = (probe: MachineProbe, env: Record<string, string> = {}) => prerequisitesPlan(missingPrerequisites(toolSettings(env), probe), probe);

describe('the prerequisites of npm test', () => {
  it('ask for nothing on a machine that has them', () => {
    expect(plan(machine(EVERYTHING))).toEqual({ install: [] });
    expect(plan(machine(EVERYTHING, { root: false, commands: ['kustomize'] }))).toEqual({ install: [] });
  });

  it('are installed from Debian, as root with apt-get: nginx and Chromium, only what is missing', () => {
    expect(plan(machine([]))).toEqual({ install: ['nginx', 'chromium'] });
    expect(plan(machine(['/usr/sbin/nginx']))).toEqual({ install: ['chromium'] });
    // Any Debian Chromium will do.
    expect(plan(machine(['/usr/sbin/nginx', '/usr/bin/chromium-browser']))).toEqual({ install: [] });
  });

  it('stop the tests with one line saying what to run, when they cannot be installed', () => {
    const notRoot = plan(machine([], { root: false }));
    expect(notRoot).toEqual({ stop: 'npm test : nginx et Chromium manquent pour les tests ; lancez « sudo apt-get install nginx chromium », et relancez npm test.' });
    const noApt = plan(machine(['/usr/bin/chromium'], { commands: ['kubectl'] }));
    expect(noApt).toEqual({ stop: 'npm test : nginx manque pour les tests ; lancez « sudo apt-get install nginx », et relancez npm test.' });
  });

  it('never install over a path the user gave, nor a kubectl Debian has too old: they say what to fix', () => {
    const wrong = plan(machine(['/usr/bin/chromium']), { FFE_NGINX: '/opt/nginx/sbin/nginx', FFE_CHROMIUM: '/opt/chrome' });
    expect(wrong).toEqual({
      stop:
        'npm test : nginx (FFE_NGINX=/opt/nginx/sbin/nginx) et Chromium (FFE_CHROMIUM=/opt/chrome) manquent pour les tests ; ' +
        'corrigez FFE_NGINX, qui désigne « /opt/nginx/sbin/nginx », absent, puis corrigez FFE_CHROMIUM, qui désigne « /opt/chrome », absent, et relancez npm test.',
    });
    const noKubectl = plan(machine([], { commands: ['apt-get'] }));
    expect('stop' in noKubectl && noKubectl.stop).toMatch(/^npm test : nginx, Chromium et kubectl manquent pour les tests ; lancez « sudo apt-get install nginx chromium », puis installez kubectl/);
  });
});

describe('npm test on a machine that lacks what it cannot install', () => {
  it('stops before the first test, with its one line and a failing exit code', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, ['scripts/test.ts', 'tests/scripts'], {
      cwd: new URL('../..', import.meta.url),
      env: { ...process.env, FFE_NGINX: '/nulle-part/nginx' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('npm test : nginx (FFE_NGINX=/nulle-part/nginx) manque pour les tests ; corrigez FFE_NGINX, qui désigne « /nulle-part/nginx », absent, et relancez npm test.\n');
  });
});
