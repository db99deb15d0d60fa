/** Test helper: mounts a returns page at a URL with the app's router shape, i18n and stores, on the fake database. */
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '../../i18n'

export async function mountPage(component: Component, routePath: string, url: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: routePath, component }, { path: '/:rest(.*)*', component: { render: () => null } }],
  })
  await router.push(url)
  await router.isReady()
  return mount(component, { global: { plugins: [router, i18n, createPinia()] }, attachTo: document.body })
}
