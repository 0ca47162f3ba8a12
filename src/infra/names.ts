// The names Kubernetes accepts, by its own validation rules (k8s.io/apimachinery/pkg/util/validation): what an API
// server would refuse never enters the model, so that it never becomes a page address, a file of the site, a title or
// a diagram label. A name, namespace or kind read from a repository is untrusted text: `../../..`,
// `x</title><script>…`, a tab or 300 bytes are all refused here, with a located French error.

/** DNS-1123 label: namespaces (and most Service-like names). */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** DNS-1035 label: Services (a letter first). */
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** DNS-1123 subdomain: most objects, custom resources included. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_MAX = 63;
const SUBDOMAIN_MAX = 253;
/**
 * RBAC objects only need a valid path segment (`system:controller:…`): not `.` nor `..`, no `/` nor `%`. What such a
 * name may hold beyond that — spaces, quotes, angle brackets, control characters — is refused too: it would have to
 * become a page address and a file name, and no real repository needs it.
 */
const PUBLISHABLE_SEGMENT = /^[A-Za-z0-9]([A-Za-z0-9._:@+-]*[A-Za-z0-9])?$/;
/**
 * A Flux variable left unresolved in a name (`app-${CLUSTER}`): Flux replaces it at deployment, so the name is judged
 * with a plain stand-in. Only a bare variable or a plain default (`${X:=prod}`) stands in: anything else is checked as
 * written.
 */
const FLUX_VARIABLE = /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=][a-z0-9.-]*)?\}/g;

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export type NameRule = 'dns1123-label' | 'dns1035-label' | 'dns1123-subdomain' | 'path-segment';

const RULE_WORDS: Record<NameRule, string> = {
  'dns1123-label': `une étiquette DNS-1123 : minuscules, chiffres et tirets, ${LABEL_MAX} caractères au plus, commençant et finissant par une lettre ou un chiffre`,
  'dns1035-label': `une étiquette DNS-1035 : minuscules, chiffres et tirets, ${LABEL_MAX} caractères au plus, commençant par une lettre`,
  'dns1123-subdomain': `un sous-domaine DNS-1123 : minuscules, chiffres, tirets et points, ${SUBDOMAIN_MAX} caractères au plus, commençant et finissant par une lettre ou un chiffre`,
  'path-segment': `un segment de chemin publiable : lettres, chiffres et « . _ : @ + - », ${SUBDOMAIN_MAX} octets au plus, commençant et finissant par une lettre ou un chiffre`,
};

/** The rule Kubernetes applies to the names of a kind (apiserver validation, per kind where it differs). */
export function nameRuleOf(group: string, kind: string): NameRule {
  if (group === '' && kind === 'Namespace') return 'dns1123-label';
  if (group === '' && kind === 'Service') return 'dns1035-label';
  if (group === RBAC_GROUP) return 'path-segment';
  return 'dns1123-subdomain';
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function follows(rule: NameRule, name: string): boolean {
  switch (rule) {
    case 'dns1123-label':
      return name.length <= LABEL_MAX && DNS1123_LABEL.test(name);
    case 'dns1035-label':
      return name.length <= LABEL_MAX && DNS1035_LABEL.test(name);
    case 'dns1123-subdomain':
      return name.length <= SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(name);
    case 'path-segment':
      return bytes(name) <= SUBDOMAIN_MAX && PUBLISHABLE_SEGMENT.test(name);
  }
}

/** The name with its unresolved Flux variables replaced by a stand-in (nothing else changes). */
function withStandIns(name: string): string {
  return name.includes('${') ? name.replace(FLUX_VARIABLE, 'x') : name;
}

/** What is wrong with a name under `rule`, in French, or undefined when Kubernetes accepts it. */
export function nameProblem(rule: NameRule, name: string, options: { generated?: boolean } = {}): string | undefined {
  let candidate = withStandIns(name);
  // generateName is a prefix: Kubernetes appends five characters, so a trailing dash is fine.
  if (options.generated) candidate = candidate.replace(/-$/, 'a');
  return follows(rule, candidate) ? undefined : `doit être ${RULE_WORDS[rule]}`;
}

/** Kinds: a DNS-1035 label once lowercased (CustomResourceDefinition's rule), which every built-in kind follows. */
export function kindProblem(kind: string): string | undefined {
  return kind.length <= LABEL_MAX && /^[A-Za-z]([-A-Za-z0-9]*[A-Za-z0-9])?$/.test(kind)
    ? undefined
    : `doit être une étiquette DNS-1035 une fois en minuscules (lettres, chiffres et tirets, ${LABEL_MAX} caractères au plus, commençant par une lettre)`;
}

/** apiVersion: `version` or `group/version`, the group a DNS-1123 subdomain and the version a DNS-1035 label. */
export function apiVersionProblem(apiVersion: string): string | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const version = slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
  const groupOk = slash === -1 || (group.length <= SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(group));
  const versionOk = version.length <= LABEL_MAX && DNS1035_LABEL.test(version);
  return groupOk && versionOk ? undefined : 'doit être « version » ou « groupe/version » (groupe : sous-domaine DNS-1123 ; version : étiquette DNS-1035, comme v1 ou v1beta1)';
}

/**
 * Environment names come from folder names (`clusters/<env>/`) and become page addresses and titles: letters, digits,
 * `.`, `_` and `-`, 63 characters at most, a letter or digit at both ends.
 */
export function environmentNameProblem(name: string): string | undefined {
  return name.length <= LABEL_MAX && /^[\p{L}\p{N}]([\p{L}\p{N}._-]*[\p{L}\p{N}])?$/u.test(name)
    ? undefined
    : `doit tenir en ${LABEL_MAX} caractères au plus : lettres, chiffres, « . », « _ » et « - », commençant et finissant par une lettre ou un chiffre`;
}

/** A name as a message quotes it: at most 80 characters (the rest is elided). */
export function quotedName(name: string): string {
  const chars = [...name];
  return chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : name;
}
