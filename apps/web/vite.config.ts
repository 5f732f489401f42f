import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The fonts live in the root node_modules (npm workspaces hoist them); src/ui5-fonts.css points at this alias.
const fontsDir = fileURLToPath(
  new URL('../../node_modules/@sap-theming/theming-base-content/content/Base/baseLib/baseTheme/fonts/', import.meta.url),
);

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@ui5-fonts': fontsDir } },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:3001' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // .vite/manifest.json: which chunks each page loads first, read by scripts/first-load.mjs (dotfiles are not served).
    manifest: true,
    rolldownOptions: {
      output: {
        // Fewer, larger chunks for the first load: one file compresses better than the ~30 small shared chunks the
        // default splitting makes (README "Web weight": ~20 kB gzip and ~35 kB brotli less for the dashboard).
        // `entry`: everything the entry imports statically (the sign-in page with it), so the sign-in page is one file.
        // `shell`: the shell, the dashboard and the API contracts with whatever else they import; every signed-in page
        // needs all three. The bare page (scripts/build.mjs) is built with this config too: it stays one file.
        codeSplitting: {
          groups: [
            { name: 'entry', tags: ['$initial'], priority: 2 },
            { name: 'shell', priority: 1, test: /src[\\/](app[\\/](shell|routes[\\/]dashboard)\.tsx|lib[\\/]contracts\.ts)$/ },
          ],
        },
      },
    },
  },
});
