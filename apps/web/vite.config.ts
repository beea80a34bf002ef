import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The console's navy (the top bar of the console and of the phone app). */
const navy = '#0a2f66';

// The console is served by the Ronghui server from dist/; in development Vite proxies the API to it.
export default defineConfig({
  plugins: [
    react(),
    // The phone app (外勤, /m/) is installable: a manifest, and our own service worker (src/sw.ts) that
    // precaches the shell so it starts offline and shows Web Push alerts. The phone shell registers it.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['apple-touch-icon.png'],
      manifest: {
        name: '融汇·外勤',
        short_name: '融汇外勤',
        description: '融汇 外勤：派出所民警、网格员与志愿者的手机端',
        lang: 'zh-CN',
        id: '/m/',
        start_url: '/m/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: navy,
        background_color: '#f5f7fa',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // The shell: scripts, styles, index.html and the icons. The map's glyphs and tiles come from the API.
        globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
        // The console's chart and video code (loaded on demand, ~1.5 MB) is not needed by the phone shell.
        // MapLibre is: the phone's grid and route maps import it, so it is precached with the shell.
        globIgnores: ['**/installCanvasRenderer-*', '**/hls-*', '**/bigscreen-*'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
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
