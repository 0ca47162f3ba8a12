// What `npm test` needs from the machine beside Node: Debian's nginx (the end-to-end tests serve the site with the
// production configuration), Debian's Chromium (diagrams drawn at build time, pages read as a reader would) and
// kubectl or kustomize (the manifests' kustomizations). What is missing is installed from Debian when that is possible
// (root, apt-get), as .ci/run always did; otherwise the tests stop before the first one, with one line saying what
// to run. Never a browser or binary downloaded from elsewhere.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { joinFrench } from '../../src/infra/index.ts';
import { chromiumCandidates, lookupChromium } from '../../src/render/chromium.ts';
import { DEBIAN_NGINX, type ToolSettings } from '../../src/site/settings.ts';

/** What is there, as the tests will look for it. */
export interface MachineProbe {
  exists: (path: string) => boolean;
  /** A command on the PATH. */
  onPath: (command: string) => boolean;
  /** Root, who may install Debian packages. */
  root: boolean;
}

export interface Missing {
  what: string;
  /** The Debian package that brings it, when installing it is the fix. */
  debianPackage?: string;
  /** Otherwise, what the user has to do. */
  fix?: string;
}

/** What the tests would miss on this machine. */
export function missingPrerequisites(tools: ToolSettings, probe: MachineProbe): Missing[] {
  const missing: Missing[] = [];
  if (!probe.exists(tools.nginx)) {
    missing.push(
      tools.nginx !== DEBIAN_NGINX
        ? { what: `nginx (FFE_NGINX=${tools.nginx})`, fix: `corrigez FFE_NGINX, qui désigne « ${tools.nginx} », absent` }
        : { what: 'nginx', debianPackage: 'nginx' },
    );
  }
  const chromium = lookupChromium(chromiumCandidates(tools.chromium.chromium, undefined), probe.exists);
  if (chromium.explicitMissing) {
    missing.push({ what: `Chromium (FFE_CHROMIUM=${chromium.explicitMissing})`, fix: `corrigez FFE_CHROMIUM, qui désigne « ${chromium.explicitMissing} », absent` });
  } else if (!chromium.found) {
    missing.push({ what: 'Chromium', debianPackage: 'chromium' });
  }
  if (!probe.onPath('kubectl') && !probe.onPath('kustomize')) {
    // Debian's kubectl (kubernetes-client) is too old for today's kustomizations: installed from its own project.
    missing.push({ what: 'kubectl', fix: 'installez kubectl (https://kubernetes.io/fr/docs/tasks/tools/) ou kustomize' });
  }
  return missing;
}

export type Plan = { install: string[] } | { stop: string };

/** Install from Debian what can be, or one line that says what to run. */
export function prerequisitesPlan(missing: readonly Missing[], probe: Pick<MachineProbe, 'root' | 'onPath'>): Plan {
  if (missing.length === 0) return { install: [] };
  const packages = missing.flatMap((m) => (m.debianPackage ? [m.debianPackage] : []));
  const fixes = missing.flatMap((m) => (m.fix ? [m.fix] : []));
  const canInstall = probe.root && probe.onPath('apt-get');
  if (fixes.length === 0 && canInstall) return { install: packages };
  const what = joinFrench(missing.map((m) => m.what));
  const install = packages.length > 0 ? `lancez « sudo apt-get install ${packages.join(' ')} »` : undefined;
  const steps = [...(install ? [install] : []), ...fixes].join(', puis ');
  return { stop: `npm test : ${what} manque${missing.length > 1 ? 'nt' : ''} pour les tests ; ${steps}, et relancez npm test.` };
}

/** The machine as it is. */
export function thisMachine(): MachineProbe {
  const path = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return {
    exists: existsSync,
    onPath: (command) => path.some((dir) => existsSync(join(dir, command))),
    root: process.getuid?.() === 0,
  };
}
