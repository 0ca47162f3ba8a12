// The order Flux applies an environment's Kustomizations in: what the GitOps diagram draws and the Flux steps list.
import { FLUX_KUSTOMIZE, resourcesOfKind, type Model, type Resource } from '../infra/index.ts';
import { envContext, out } from './context.ts';

/** Flux Kustomizations in `dependsOn` order (dependencies first, ties by key); members of a cycle come last. */
export function fluxOrder(model: Model, envName: string): Resource[] {
  const ctx = envContext(model, envName);
  const all = resourcesOfKind(ctx.env, 'Kustomization', [FLUX_KUSTOMIZE]);
  const keys = new Set(all.map((r) => r.key));
  const waitsFor = new Map(all.map((r) => [r.key, new Set(out(ctx, r.key, 'depends-on').map((d) => d.to).filter((k) => keys.has(k)))]));
  const done = new Set<string>();
  const order: Resource[] = [];
  for (;;) {
    const ready = all.filter((r) => !done.has(r.key) && [...waitsFor.get(r.key)!].every((d) => done.has(d)));
    if (ready.length === 0) break;
    for (const r of ready) done.add(r.key);
    order.push(...ready);
  }
  return [...order, ...all.filter((r) => !done.has(r.key))];
}
