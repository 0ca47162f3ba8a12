// `ffe:diagram-client` is an alias set by src/site/diagrams.ts: the client script component, or an empty one when
// Chromium draws every diagram at build time. Both take no props.
declare module 'ffe:diagram-client' {
  const DiagramClient: typeof import('./DiagramClient.astro').default;
  export default DiagramClient;
}
