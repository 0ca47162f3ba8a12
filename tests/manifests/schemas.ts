// Maps apiVersion/kind to the maintained model class that validates it (kubernetes-models and its CRD packages).
import * as core from 'kubernetes-models';
import * as certManager from '@kubernetes-models/cert-manager';
import * as fluxcd from '@kubernetes-models/flux-cd';
import * as prometheusOperator from '@kubernetes-models/prometheus-operator';
import * as sealedSecrets from '@kubernetes-models/sealed-secrets';
import * as traefik from '@kubernetes-models/traefik';

export interface ModelClass {
  new (data: unknown): { validate(): void };
  apiVersion: string;
  kind: string;
}

function isModelClass(value: unknown): value is ModelClass {
  return (
    typeof value === 'function' &&
    typeof (value as { apiVersion?: unknown }).apiVersion === 'string' &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { prototype?: { validate?: unknown } }).prototype?.validate === 'function'
  );
}

function collect(namespace: unknown, into: Map<string, ModelClass>, seen: Set<unknown>): void {
  if (!namespace || typeof namespace !== 'object' || seen.has(namespace)) return;
  seen.add(namespace);
  for (const value of Object.values(namespace as Record<string, unknown>)) {
    if (isModelClass(value)) into.set(`${value.apiVersion}/${value.kind}`, value);
    else collect(value, into, seen);
  }
}

export function buildSchemaRegistry(): Map<string, ModelClass> {
  const registry = new Map<string, ModelClass>();
  const seen = new Set<unknown>();
  for (const pkg of [core, certManager, fluxcd, prometheusOperator, sealedSecrets, traefik]) collect(pkg, registry, seen);
  return registry;
}
