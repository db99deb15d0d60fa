/** Messages shown over the app (a save failed, the phone is full, a demo loaded). Text is a locale key. */
import { defineStore } from 'pinia'
import { readonly, ref } from 'vue'

export interface Notice {
  id: number
  tone: 'error' | 'success' | 'info'
  key: string
  params?: Record<string, unknown>
}

export const useNoticeStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([])
  let nextId = 1

  function dismiss(id: number) {
    notices.value = notices.value.filter((notice) => notice.id !== id)
  }

  function show(tone: Notice['tone'], key: string, params?: Record<string, unknown>) {
    const id = nextId++
    notices.value = [...notices.value.filter((notice) => notice.key !== key), { id, tone, key, params }]
    // Errors stay until dismissed: the user must see that something was not saved.
    if (tone !== 'error') setTimeout(() => dismiss(id), 2500)
    return id
  }

  return {
    notices: readonly(notices),
    dismiss,
    error: (key: string, params?: Record<string, unknown>) => show('error', key, params),
    success: (key: string, params?: Record<string, unknown>) => show('success', key, params),
    info: (key: string, params?: Record<string, unknown>) => show('info', key, params),
  }
})
