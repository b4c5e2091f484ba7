/**
 * The web app (web/) is built by Vite into dist/web, which the Fastify server serves in
 * production. `npm run dev` runs Vite with /api proxied to the server on port 3003.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.API_URL ?? 'http://127.0.0.1:3003';

export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    // The app imports the server's contract schemas from ../src/contract.
    fs: { allow: ['..'] },
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/docs': api,
      '/healthz': api,
    },
  },
});
