// The yardstick of `npm run bench`: a bare Starlight site with as many pages as ours, built with this repository's own
// astro and starlight (nothing is installed again), so "2.5× a bare Starlight site" compares
// builds made by the same versions on the same machine in the same run.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, runAstroBuild, type BuildResult } from './site-build.ts';

export interface Baseline {
  root: string;
  build(outDir: string): Promise<BuildResult>;
  /** Forgets what Astro and Vite cached, so the next build starts like a fresh clone's. */
  clearCaches(): void;
  remove(): void;
}

const CONFIG = `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  // The linked node_modules belong to the measured repository: keep this site's caches apart from its own.
  cacheDir: './.cache-astro',
  vite: { cacheDir: './.cache-vite' },
  integrations: [starlight({ title: 'Référence', defaultLocale: 'root', locales: { root: { label: 'Français', lang: 'fr' } } })],
});
`;

const CONTENT_CONFIG = `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`;

/**
 * A page like most of ours (a resource page): a few paragraphs, a list, a table and a YAML listing of forty lines,
 * which Expressive Code highlights as it does our manifests.
 */
function page(index: number): string {
  const name = `service-${String(index).padStart(4, '0')}`;
  return `---
title: ${name} — Déploiement
description: "Déploiement ${name} dans l’espace de noms equipe-${index % 12} : relations, manifeste et source."
---

Le **déploiement** ${name} fait tourner l’image de l’équipe ${index % 12} dans l’espace de noms \`equipe-${index % 12}\`.
Il est exposé par un [service](/) du même nom et lit sa configuration dans une ConfigMap ; ses journaux partent vers la
pile d’observabilité commune.

## Relations

- sélectionné par le service ${name} ;
- monte le volume ${name}-data ;
- lit la ConfigMap ${name}-config et le secret ${name}-credentials.

| Relation | Ressource | Raison |
| --- | --- | --- |
| sélectionné par | Service ${name} | les étiquettes app=${name} correspondent |
| monte | PersistentVolumeClaim ${name}-data | volume data |

## Manifeste

\`\`\`yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: equipe-${index % 12}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/part-of: equipe-${index % 12}
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
      serviceAccountName: ${name}
      securityContext:
        runAsNonRoot: true
      containers:
        - name: app
          image: ghcr.io/example/${name}:1.${index % 20}.0
          ports:
            - name: http
              containerPort: 8080
          envFrom:
            - configMapRef:
                name: ${name}-config
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }
          readinessProbe:
            httpGet: { path: /ready, port: http }
          volumeMounts:
            - name: data
              mountPath: /data
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: ${name}-data
\`\`\`

Défini dans \`apps/equipe-${index % 12}/${name}.yaml\`, ligne 1.
`;
}

/** A bare Starlight project building to `pages` HTML pages (pages like ours, and Starlight's 404), in a temporary directory. */
export function createBaseline(pages: number): Baseline {
  // Inside the repository (tmp/ is ignored by Git), so Node and Vite find its node_modules by walking up as they do for
  // the site itself: a symlinked node_modules makes Astro see each Starlight file under two paths, and a project under
  // node_modules/ is treated as a dependency.
  const parent = join(PROJECT_ROOT, 'tmp');
  mkdirSync(parent, { recursive: true });
  const root = mkdtempSync(join(parent, 'ffe-bench-baseline-'));
  // Astro bundles the packages a project depends on that ship .astro files: it learns which from package.json.
  const ours = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const dependencies = Object.fromEntries(['astro', '@astrojs/starlight'].map((name) => [name, ours.devDependencies[name]]));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'bench-baseline', private: true, type: 'module', dependencies }));
  writeFileSync(join(root, 'astro.config.mjs'), CONFIG);
  mkdirSync(join(root, 'src/content/docs/pages'), { recursive: true });
  writeFileSync(join(root, 'src/content.config.ts'), CONTENT_CONFIG);
  writeFileSync(join(root, 'src/content/docs/index.mdx'), page(0));
  // Starlight adds a 404 page: `pages` HTML files in all, like ours.
  for (let i = 1; i < pages - 1; i++) writeFileSync(join(root, `src/content/docs/pages/page-${String(i).padStart(4, '0')}.mdx`), page(i));
  return {
    root,
    build: (outDir) => runAstroBuild(root, outDir),
    clearCaches() {
      for (const dir of ['.cache-astro', '.cache-vite', '.astro']) rmSync(join(root, dir), { recursive: true, force: true });
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
