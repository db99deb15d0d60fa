import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { i18n, savedLocale, setLocale } from './i18n'
import { router } from './router'
import './ui/theme.css'

// The remembered language is loaded before the first paint, so the app never flashes in the other one.
setLocale(savedLocale(), false)
  .catch(() => undefined)
  .finally(() => createApp(App).use(createPinia()).use(router).use(i18n).mount('#app'))
