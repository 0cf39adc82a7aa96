// Build of widget.js: one self-contained IIFE (styles are inlined into the script and
// injected into a Shadow DOM at run time), written next to the multi-page build.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  publicDir: false,
  build: {
    outDir: process.env['KEFU_WEB_OUT'] ?? 'dist',
    emptyOutDir: false,
    target: 'es2019',
    sourcemap: false,
    lib: {
      entry: resolve(import.meta.dirname, 'src/widget/main.tsx'),
      formats: ['iife'],
      name: 'KefuWidgetBundle',
      fileName: () => 'widget.js',
    },
  },
});
