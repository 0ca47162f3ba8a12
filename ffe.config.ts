// Everything that makes this site FFE's documentation rather than yours. A fork changes this file, and only this one
// (README, « Forker FFE »): the site and `npm run check` both read it. Environment variables override a few options
// for one build: FFE_MANIFESTS (try another repository), FFE_SITE_URL, FFE_REPO_URL, FFE_REPO_BRANCH.
import { defineFfeOptions } from './src/site/options.ts';

export default defineFfeOptions({
  title: 'FFE',
  description:
    'FFE : une infrastructure Kubernetes reconstruite pour être cohérente, lisible et reproductible, publiée ouvertement sous licence WTFPL.',
  // Public address of the site; tests/manifests/site-address.test.ts ties it to the docs Ingress.
  site: 'https://docs.ffe.fr',
  // This site's repository: « Modifier cette page » links and the header link.
  repository: { url: 'https://github.com/ffe-infra/ffe', branch: 'main' },
  // FFE's own pages: the manifesto, the architecture pages, the glossary and the contributing guide, and the sidebar
  // that lists them (the generated « Infrastructure » group goes before the glossary). A fork documenting its own
  // infrastructure removes this option — the site then generates a home page and overview pages from its manifests —
  // or points it at a folder of its own pages.
  pages: {
    folder: './content/docs',
    sidebar: [
      { label: 'Manifeste', link: '/manifeste/' },
      { label: 'Architecture', items: [{ autogenerate: { directory: 'architecture' } }] },
      { label: 'Glossaire', link: '/glossaire/' },
      { label: 'Contribuer', link: '/contribuer/' },
    ],
  },
  // The manifests; « voir la source » links follow the origin remote of the repository holding them.
  manifests: './manifests',
  environments: {
    // What pages and prose components show when they name no environment.
    default: 'production',
    // The comparison page: staging on the left, production on the right.
    compare: ['staging', 'production'],
  },
  // Severity per rule id or finding code ('error' | 'warning' | 'notice' | 'off'): FFE keeps every default.
  rules: {},
  // Exemption annotations: policy.ffe.fr/allow-root, policy.ffe.fr/writable-root-filesystem.
  annotationPrefix: 'policy.ffe.fr',
  // The journal and each resource's « Historique », read from Git: a first build reads at most this many commits
  // touching the manifests (later ones read only the new commits); `false` for none.
  history: { maxCommits: 50 },
});
