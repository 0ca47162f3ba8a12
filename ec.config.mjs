// Expressive Code (the site's code listings), read by Starlight from this file: its options hold a function, which
// astro.config.mjs cannot pass to the <Code> component.
import { defineEcConfig } from '@astrojs/starlight/expressive-code';

export default defineEcConfig({
  shiki: {
    // Shiki stops tokenizing a line after 500 ms and gives the rest the colour of the token before: on a loaded machine
    // the first line a grammar meets (its patterns compile then) can take that long, and two builds of one commit
    // differ (tests/site/reproducible.test.ts saw it). No limit: a build waits rather than varies.
    transformers: [
      {
        name: 'ffe-untimed-tokenizer',
        preprocess(_code, options) {
          options.tokenizeTimeLimit = 0;
        },
      },
    ],
  },
});
