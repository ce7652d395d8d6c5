import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './deploy/csp.ts';
import { devServiceWorkerReset, offlineApp } from './deploy/pwa.ts';

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), offlineApp(), devServiceWorkerReset()],
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // fonts stay files (the CSP's font-src is 'self' only, and the service worker caches them)
    assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
  },
});
