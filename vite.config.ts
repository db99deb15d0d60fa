import vue from '@vitejs/plugin-vue'
import { readFileSync } from 'node:fs'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { precompileLocales } from './scripts/precompileLocales'
import { precompressAssets } from './scripts/precompressAssets'
import { TILE_CACHES, VIEWED_TILES_LIMIT } from './src/app/map/tileSources'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }

export default defineConfig({
  define: {
    APP_VERSION: JSON.stringify(version),
    // vue-i18n feature flags: composition API only, no legacy API or global components, no devtools.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    // Messages arrive precompiled (scripts/precompileLocales.ts), so the compiler is left out of the bundle.
    __INTLIFY_DROP_MESSAGE_COMPILER__: true,
  },
  resolve: {
    // The bundler build honours the feature flags above; the package's "browser" entry is a standalone build with all of them on.
    alias: [{ find: /^vue-i18n$/, replacement: 'vue-i18n/dist/vue-i18n.esm-bundler.js' }],
  },
  plugins: [
    precompileLocales(),
    // Every component uses setup(): the Options API's runtime is left out of the first route.
    vue({ features: { optionsAPI: false } }),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'robots.txt', 'icons/apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Régie – logistique de tournage',
        short_name: 'Régie',
        description: "Repérages, véhicules, autorisations, repas et retours d'un tournage, même sans réseau.",
        lang: 'fr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f4f6f8',
        theme_color: '#1d3557',
        categories: ['productivity', 'business'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The service worker only caches the app shell; data lives in IndexedDB and syncs through the app.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        runtimeCaching: [{
          // Map tiles, cached as viewed (or saved by area, src/app/map). Their servers are run-time configuration
          // (src/core/model/mapConfig.ts), so the route is every image that is not part of the shell, which the
          // precache answers first. Serialised into the service worker: it must not use anything from this file.
          urlPattern: ({ request, url }) => request.destination === 'image' && !url.pathname.startsWith('/api/'),
          handler: 'CacheFirst',
          options: {
            cacheName: TILE_CACHES.viewed,
            expiration: { ...VIEWED_TILES_LIMIT, purgeOnQuotaError: true },
            cacheableResponse: { statuses: [200] },
            // A tile not among those viewed may be in an area saved for offline (its own cache, never expired).
            // Serialised into the service worker: the cache name is written out, it must equal TILE_CACHES.saved.
            plugins: [{
              cachedResponseWillBeUsed: async ({ request, cachedResponse }) =>
                cachedResponse ?? (await (await caches.open('regie-tiles-saved')).match(request)) ?? null,
            }],
          },
        }],
      },
      devOptions: { enabled: false },
    }),
    precompressAssets(),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    // dist/.vite/manifest.json: `npm run bench` reads the first route's module graph from it.
    manifest: true,
    rollupOptions: {
      // src/core is pure TypeScript (DESIGN.md): importing one of its modules never needs to run another, so a
      // screen that reads a constant does not pull every schema into the first route.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]src[\\/]core[\\/]/.test(id) },
      // The first route in three scripts, not a dozen (each request costs a round trip and its headers on a phone): the
      // libraries it needs in one chunk that outlives app releases, the app's startup modules in the entry, the bundler's runtime.
      // includeDependenciesRecursively would drag in whole modules the first route uses one export of.
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, tags: ['$initial'], priority: 2 },
            { name: 'index', tags: ['$initial'], includeDependenciesRecursively: false, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
})
