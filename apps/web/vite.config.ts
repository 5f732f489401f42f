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
  },
});
