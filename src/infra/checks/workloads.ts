// Workload hygiene, reported as warnings: images that can change under the same manifest, pods the scheduler cannot
// size, and containers Kubernetes cannot tell are healthy.
import { parseImage } from '../images.ts';
import type { Environment, Finding, Resource } from '../model.ts';
import { containersOf, isWorkloadKind, podTemplateOf, type Container } from '../workloads.ts';

/** Kinds whose pods are meant to keep running, hence to be probed. */
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

function finding(resource: Resource, code: string, message: string, hint: string): Finding {
  return { code, severity: 'warning', message, hint, location: resource.source, env: resource.id.env, resource: resource.key };
}

function list(names: (string | undefined)[]): string {
  return names.map((n) => `« ${n ?? '(sans nom)'} »`).join(', ');
}

function hasKeys(value: unknown, ...keys: string[]): boolean {
  return !!value && typeof value === 'object' && keys.every((k) => (value as Record<string, unknown>)[k] !== undefined);
}

export function workloadFindings(resource: Resource): Finding[] {
  if (!isWorkloadKind(resource.id.kind)) return [];
  const template = podTemplateOf(resource.object);
  if (!template) return [];
  const containers: Container[] = containersOf(template.spec).filter((c) => c && typeof c === 'object');
  const label = `${resource.id.kind} ${resource.id.name}`;
  const out: Finding[] = [];

  const unpinned = containers.filter((c) => typeof c.image === 'string' && !parseImage(c.image).pinned);
  if (unpinned.length > 0) {
    out.push(
      finding(
        resource,
        'FFE-W-IMAGE-UNPINNED',
        `${label} : image non épinglée ${list(unpinned.map((c) => c.image as string))} (pas de version, ou « latest »).`,
        'Indiquez une version précise (nginx:1.27.3) ou mieux un condensé (@sha256:…) : sinon chaque redémarrage peut déployer autre chose.',
      ),
    );
  }

  const noRequests = containers.filter((c) => !hasKeys(c.resources?.requests, 'cpu', 'memory'));
  if (noRequests.length > 0) {
    out.push(
      finding(
        resource,
        'FFE-W-REQUESTS-MISSING',
        `${label} : conteneur(s) ${list(noRequests.map((c) => c.name))} sans requests cpu et mémoire.`,
        'Ajoutez resources.requests.cpu et resources.requests.memory : l’ordonnanceur place les pods d’après elles.',
      ),
    );
  }

  const noLimits = containers.filter((c) => !hasKeys(c.resources?.limits, 'memory'));
  if (noLimits.length > 0) {
    out.push(
      finding(
        resource,
        'FFE-W-LIMITS-MISSING',
        `${label} : conteneur(s) ${list(noLimits.map((c) => c.name))} sans limite de mémoire.`,
        'Ajoutez resources.limits.memory : sans elle, une fuite mémoire peut affamer tout le nœud.',
      ),
    );
  }

  if (LONG_RUNNING.has(resource.id.kind)) {
    const unprobed = (template.spec.containers ?? []).filter((c) => c && (!c.readinessProbe || !c.livenessProbe));
    if (unprobed.length > 0) {
      const missing = unprobed.map((c) => {
        const absent = [!c.readinessProbe && 'readinessProbe', !c.livenessProbe && 'livenessProbe'].filter(Boolean);
        return `« ${c.name ?? '(sans nom)'} » (${absent.join(', ')})`;
      });
      out.push(
        finding(
          resource,
          'FFE-W-PROBES-MISSING',
          `${label} : sondes absentes pour ${missing.join(', ')}.`,
          'Ajoutez une readinessProbe (le trafic n’arrive qu’aux pods prêts) et une livenessProbe (un pod bloqué est redémarré).',
        ),
      );
    }
  }
  return out;
}

export function checkWorkloads(env: Environment): Finding[] {
  return env.resources.flatMap(workloadFindings);
}
