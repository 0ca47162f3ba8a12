// Secret values that are not secrets: references that a secret manager, an injector or a deployment tool replaces
// with the real value outside Git, and placeholders filled in at deployment. A Secret made only of these publishes
// nothing. The forms below are the documented ones of the common tools; anything else is taken as a real value.

/** A value that is, as a whole, a reference to a value kept elsewhere. */
const WHOLE_REFERENCES: readonly RegExp[] = [
  /^op:\/\/[^\s/]+\/[^\s/]+\/\S+$/, // 1Password: op://vault/item[/section]/field
  /^ref\+[a-z0-9]+:\/\/\S+$/i, // vals: ref+vault://…, ref+awssecrets://…, ref+sops://…
  /^(?:>>)?vault:[^\s#]+(?:#\S+)?$/, // Bank-Vaults webhook: vault:secret/data/app#password
  /^(?:akv|azurekeyvault):\/\/\S+$/i, // Azure Key Vault URIs
  /^[\w.-]+@azurekeyvault$/i, // akv2k8s: secret@azurekeyvault
  /^@Microsoft\.KeyVault\([^)]+\)$/i, // Azure App Service Key Vault reference
  /^gcp:secretmanager:\S+$/i, // gcp:secretmanager:projects/p/secrets/s[/versions/v]
  /^(?:sm|berglas):\/\/\S+$/, // Berglas: sm://project/secret, berglas://bucket/object
  /^projects\/[^/\s]+\/secrets\/[^/\s]+(?:\/versions\/[^/\s]+)?$/, // Google Secret Manager resource name
  /^arn:aws[\w-]*:(?:secretsmanager|ssm):\S+$/, // AWS Secrets Manager / SSM Parameter Store ARNs
  /^\{\{resolve:(?:secretsmanager|ssm-secure|ssm):[^}]+\}\}$/, // AWS dynamic references
  /^ENC\[[A-Z0-9_]+,data:[^\]]*\]$/, // a value encrypted in place by SOPS
];

/**
 * Placeholders a tool fills in before the object reaches the cluster: `${VAR}` (Flux post-build substitution,
 * envsubst), `<path:secret/data/app#key>` and `<key>` (argocd-vault-plugin), `<secret:/path~key>` (argocd-vault-replacer).
 */
const PLACEHOLDERS = /\$\{[^}\s]+\}|<(?:path|secret|vault):[^>\s]+>|<[A-Za-z_][\w.-]*>/g;

/** `password: hunter2`, `token = abc` inside a configuration file written in a Secret. */
const LITERAL_CREDENTIAL = /(?:pass(?:word|wd)?|secret|token|api[_-]?key|private[_-]?key|credentials?)["']?\s*[:=]\s*["']?[^\s"'$<{][^\s"']*/i;

/** True when `value` holds no secret of its own: empty, a reference, or placeholders and punctuation only. */
export function isSecretReference(value: string): boolean {
  const text = value.trim();
  if (text === '') return true;
  if (WHOLE_REFERENCES.some((re) => re.test(text))) return true;
  const rest = text.replace(PLACEHOLDERS, '');
  if (rest === text) return false;
  // `${USER}:${PASSWORD}`, `<path:kv/app#user>/<path:kv/app#password>`: nothing left but separators.
  if (/^[\s\p{P}\p{S}]*$/u.test(rest)) return true;
  // A URL whose credentials are placeholders: postgres://app:${DB_PASSWORD}@db:5432/app.
  const url = /^[a-z][a-z0-9+.-]*:\/\/[^:@/\s]*:([^@/\s]*)@/i.exec(text);
  if (url && url[1].replace(PLACEHOLDERS, '') === '') return true;
  // A configuration file whose secret settings all come from placeholders.
  if (text.includes('\n')) return !text.split('\n').some((line) => LITERAL_CREDENTIAL.test(line));
  return false;
}
