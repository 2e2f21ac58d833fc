import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import { i18n } from '../src/i18n'
import { vi } from 'vitest'

/** The plugins every component needs, with a router that knows every name a page may link to. */
export function plugins() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const stub = { template: '<div />' }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['home', 'watch', 'channel', 'search', 'login', 'register', 'edit', 'studio', 'upload', 'notifications'].map((name) => ({
      name,
      path: name === 'home' ? '/' : `/${name}/:id?`,
      component: stub,
    })),
  })
  return { global: { plugins: [pinia, router, i18n] }, router }
}

export interface Call {
  method: string
  url: string
  headers: Headers
  body: unknown
}

/** A fetch that answers from a handler and records every call. */
export function fakeFetch(handler: (call: Call) => { status: number; body?: unknown }) {
  const calls: Call[] = []
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    const call = { method: init.method ?? 'GET', url, headers: new Headers(init.headers), body: init.body ? JSON.parse(String(init.body)) : undefined }
    calls.push(call)
    const { status, body } = handler(call)
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    })
  })
  vi.stubGlobal('fetch', fn)
  return calls
}
