// Vite builds the renderer (React) for both hosts. Node-side bundles are built by
// scripts/build.mjs with the same tool (SSR mode), so there is one build tool for all.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
  },
});
