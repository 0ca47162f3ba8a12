// Secret-manager operators: each of their resources writes Secrets in its namespace from a secret manager kept outside
// Git (External Secrets, 1Password, Vault, Infisical, Doppler, Bitwarden, the SOPS operator). A repository that uses
// one says that those Secrets are made elsewhere: a reference to them is not dangling. One entry per kind: its
// operator (French messages name it) and the names of the Secrets it writes.
import { asRecord, asRecords, asString } from '../fields.ts';
import type { KubeObject } from '../model.ts';

export interface SecretManagerKind {
  group: string;
  kind: string;
  /** The operator, as its users name it: « External Secrets ». */
  operator: string;
  /** The names of the Secrets a resource of this kind writes (in its own namespace). */
  secrets: (object: KubeObject) => string[];
}

const specOf = (object: KubeObject): Record<string, unknown> => asRecord(object.spec) ?? {};
const ownName = (object: KubeObject): string[] => [asString(object.metadata?.name)].filter((n): n is string => n !== undefined);
const named = (...names: (string | undefined)[]): string[] => names.filter((n): n is string => n !== undefined);

export const SECRET_MANAGER_KINDS: readonly SecretManagerKind[] = [
  {
    group: 'external-secrets.io',
    kind: 'ExternalSecret',
    operator: 'External Secrets',
    // The target Secret is named after the ExternalSecret unless it says otherwise.
    secrets: (o) => named(asString(asRecord(specOf(o).target)?.name) ?? asString(o.metadata?.name)),
  },
  { group: 'onepassword.com', kind: 'OnePasswordItem', operator: '1Password', secrets: ownName },
  ...['VaultStaticSecret', 'VaultDynamicSecret', 'VaultPKISecret'].map(
    (kind): SecretManagerKind => ({
      group: 'secrets.hashicorp.com',
      kind,
      operator: 'Vault Secrets Operator',
      secrets: (o) => named(asString(asRecord(specOf(o).destination)?.name)),
    }),
  ),
  { group: 'ricoberger.de', kind: 'VaultSecret', operator: 'vault-secrets-operator', secrets: ownName },
  {
    group: 'secrets.infisical.com',
    kind: 'InfisicalSecret',
    operator: 'Infisical',
    secrets: (o) =>
      named(
        asString(asRecord(specOf(o).managedSecretReference)?.secretName),
        ...asRecords(specOf(o).managedKubeSecretReferences).map((ref) => asString(ref.secretName)),
      ),
  },
  { group: 'secrets.doppler.com', kind: 'DopplerSecret', operator: 'Doppler', secrets: (o) => named(asString(asRecord(specOf(o).managedSecret)?.name)) },
  { group: 'k8s.bitwarden.com', kind: 'BitwardenSecret', operator: 'Bitwarden', secrets: (o) => named(asString(specOf(o).secretName)) },
  {
    group: 'isindir.github.com',
    kind: 'SopsSecret',
    operator: 'sops-secrets-operator',
    secrets: (o) => named(...asRecords(specOf(o).secretTemplates).map((t) => asString(t.name))),
  },
];
