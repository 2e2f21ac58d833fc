import { ref } from 'vue'
import { call } from './api/typed'

/** A page's load: `loading` while it runs, `error` when it failed (LoadState shows a retry that calls `run` again). */
export function useLoad<A extends unknown[]>(work: (...args: A) => Promise<unknown>) {
  const loading = ref(true)
  const error = ref<unknown>(null)
  async function run(...args: A) {
    loading.value = true
    error.value = null
    try {
      await work(...args)
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }
  return { loading, error, run }
}

/** Whether the signed-in viewer subscribes to / is an active member of a channel. */
export async function relationsTo(channelId: number): Promise<{ subscribed: boolean; member: boolean }> {
  const subs = await call('get', '/api/v1/me/subscriptions', { query: { pageSize: 100 } })
  return { subscribed: subs.items.some((c) => c.id === channelId), member: await isMember(channelId) }
}

/** Whether the server says the viewer's membership of a channel grants access now (webhook-driven state). */
export async function isMember(channelId: number): Promise<boolean> {
  const memberships = await call('get', '/api/v1/me/memberships', { query: { pageSize: 100 } })
  return memberships.items.some((m) => m.channelId === channelId && m.active)
}
