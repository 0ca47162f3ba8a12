// A Secret committed with its data is readable by anyone who can read the repository.
import type { Environment, Finding, Resource } from '../model.ts';

function nonEmptyMap(value: unknown): boolean {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;
}

/** SOPS keeps the Secret kind but encrypts every value and adds its own `sops` block. */
function isSopsEncrypted(resource: Resource): boolean {
  return nonEmptyMap(resource.object.sops);
}

export function plaintextSecretFindings(resource: Resource): Finding[] {
  if (resource.id.group !== '' || resource.id.kind !== 'Secret' || isSopsEncrypted(resource)) return [];
  const { data, stringData } = resource.object;
  if (!nonEmptyMap(data) && !nonEmptyMap(stringData)) return [];
  const keys = [...Object.keys((data as object) ?? {}), ...Object.keys((stringData as object) ?? {})].sort();
  return [
    {
      code: 'FFE-E-SECRET-PLAINTEXT',
      severity: 'error',
      message: `Le Secret ${resource.id.name} contient des données en clair dans le dépôt (${keys.join(', ')}).`,
      hint: 'Chiffrez-le (SealedSecret, SOPS) ou faites-le produire par un opérateur (External Secrets), puis retirez ces valeurs de l’historique Git.',
      location: resource.source,
      env: resource.id.env,
      resource: resource.key,
    },
  ];
}

export function checkSecrets(env: Environment): Finding[] {
  return (env.byKind.get('Secret') ?? []).flatMap(plaintextSecretFindings);
}
