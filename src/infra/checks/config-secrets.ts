// A ConfigMap is stored and shown in clear: one holding a private key or a password is a secret published by mistake.
// Its values are masked wherever the site shows it (secret-mask.ts); this check says so, where it was written.
import { writtenForm } from '../flux-substitution.ts';
import type { Environment, Finding } from '../model.ts';
import { configMapSecretKeys } from '../secret-mask.ts';

export function checkConfigMapSecrets(env: Environment): Finding[] {
  const findings: Finding[] = [];
  for (const resource of env.byKind.get('ConfigMap') ?? []) {
    if (resource.id.group !== '') continue;
    // What Git holds: values Flux substitutes at deployment come from elsewhere.
    const keys = configMapSecretKeys(writtenForm(resource.object));
    if (keys.length === 0) continue;
    const privateKeys = keys.filter((k) => k.why === 'private-key').map((k) => `« ${k.key} »`);
    const passwords = keys.filter((k) => k.why === 'password').map((k) => `« ${k.key} »`);
    const what = [
      ...(privateKeys.length > 0 ? [`une clé privée (${privateKeys.join(', ')})`] : []),
      ...(passwords.length > 0 ? [`une valeur qui se dit secrète (${passwords.join(', ')})`] : []),
    ].join(' et ');
    findings.push({
      code: 'FFE-E-CONFIGMAP-SECRET',
      severity: 'error',
      message: `Le ConfigMap ${resource.id.name} contient ${what} : un ConfigMap n’est pas chiffré, tout lecteur du dépôt ou du cluster la lit. Sa valeur est masquée sur le site.`,
      hint: 'Mettez cette valeur dans un Secret chiffré (SealedSecret, SOPS, External Secrets), référencez-le à la place, et retirez-la de l’historique Git.',
      location: resource.source,
      env: env.name,
      resource: resource.key,
    });
  }
  return findings;
}
