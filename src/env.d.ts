/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

declare const APP_VERSION: string

/** Parts of a locale file (scripts/precompileLocales.ts splits what the first screen says from the rest). */
declare module '*.json?part=first' {
  const messages: Record<string, unknown>
  export default messages
}
declare module '*.json?part=rest' {
  const messages: Record<string, unknown>
  export default messages
}
