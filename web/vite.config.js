import { defineConfig } from 'vite';

// Preact's JSX runtime through esbuild (no Babel preset needed); one small bundle.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { target: 'es2020', outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0 },
  server: {
    // `npm run dev` proxies the APIs to a running `make run`.
    proxy: Object.fromEntries(['/catalog', '/booking', '/workorders', '/rating', '/_local'].map((p) => [p, 'http://127.0.0.1:8000'])),
  },
});
