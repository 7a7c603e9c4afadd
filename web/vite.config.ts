// SPDX-License-Identifier: GPL-3.0-or-later
// Vite build of the browser UI: web/ → web/dist, served by src/server at `/`; `npx vite web` proxies the API to a local demo.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000, // MapLibre alone is about 1 MB
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});
