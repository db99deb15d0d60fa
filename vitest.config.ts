import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'
import { wholeLocales } from './scripts/precompileLocales'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['src/core/**/*.test.ts', 'src/server/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // The app's sync code against the real server, in one process: several devices, one server.
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['src/app/testSetup.ts'],
        },
      },
      {
        // The sync simulation, the concurrent paging proof and the kill -9 test: the real server and app sync code.
        test: {
          name: 'sim',
          include: ['test/sim/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['src/app/testSetup.ts'],
        },
      },
      {
        plugins: [vue(), wholeLocales()],
        test: {
          name: 'app',
          include: ['src/app/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['src/app/testSetup.ts'],
        },
      },
    ],
  },
})
