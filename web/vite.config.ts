// Multi-page build: landing page, agent workspace (/agent/) and bank demo (/demo/).
// widget.js has its own build (vite.widget.config.ts); `npm run build` runs both.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
// During `vite dev`, API and WebSocket calls go to a running Kefu server.
const devServer = process.env['KEFU_DEV_SERVER'] ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  publicDir: false,
  build: {
    outDir: process.env['KEFU_WEB_OUT'] ?? 'dist',
    emptyOutDir: true,
    target: 'es2020',
    rolldownOptions: {
      input: {
        index: resolve(root, 'index.html'),
        agent: resolve(root, 'agent/index.html'),
        demo: resolve(root, 'demo/index.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': devServer,
      '/ws': { target: devServer.replace(/^http/, 'ws'), ws: true },
      '/widget.js': devServer,
    },
  },
});
