// The page checks (mdx-refs.ts, typed-values-plugin.ts) plug into whichever Markdown processor MDX uses: Astro's
// `markdown.processor`, Sätteri by default or unified.

type Processor = { name?: string; options?: { mdastPlugins?: unknown[]; remarkPlugins?: unknown[] } };

/**
 * Adds a check to the processor: as a Sätteri mdast plugin, or as a unified remark plugin. `added` is false for any
 * other processor, `name` says which it was (each check says what that means for it).
 */
export function addMarkdownPlugin(configured: unknown, plugin: { satteri: unknown; remark: unknown }): { added: boolean; name: string } {
  const processor = configured as Processor;
  const name = processor.name ?? '?';
  if (processor.name === 'satteri' && Array.isArray(processor.options?.mdastPlugins)) processor.options.mdastPlugins.push(plugin.satteri);
  else if (processor.name === 'unified' && Array.isArray(processor.options?.remarkPlugins)) processor.options.remarkPlugins.push(plugin.remark);
  else return { added: false, name };
  return { added: true, name };
}
