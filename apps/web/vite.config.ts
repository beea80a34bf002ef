import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by the Ronghui server from dist/; in development Vite proxies the API to it.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:8080', changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is ~1 MB unminified-equivalent; the map and chart pages are split out with React.lazy.
    chunkSizeWarningLimit: 1500,
  },
});
