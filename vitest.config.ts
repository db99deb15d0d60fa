import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['src/core/**/*.test.ts', 'src/server/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [vue()],
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
