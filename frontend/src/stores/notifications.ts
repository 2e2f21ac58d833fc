import { defineStore } from 'pinia'
import { ref } from 'vue'
import { call, type Schemas } from '../api/typed'
import { ApiError } from '../api/http'

/**
 * Unread badge, the list, and the live SSE stream (a short-lived stream token each time it connects).
 * The stream opens with the unread count up to where it starts ('unread', id = that position), so a
 * notification written while the page loads or the stream reconnects is counted exactly once.
 */
export const useNotifications = defineStore('notifications', () => {
  const unread = ref(0)
  const items = ref<Schemas['NotificationView'][]>([])
  const total = ref(0)
  const available = ref(true)
  let source: EventSource | null = null
  // The highest notification id the stream has accounted for: a reconnect resumes after it.
  let position: number | null = null
  let retry: ReturnType<typeof setTimeout> | undefined

  function missing(e: unknown): boolean {
    // The notifications API may not be deployed yet: a 404/405 means "not available", not an error page.
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
      available.value = false
      return true
    }
    return false
  }

  async function refreshCount() {
    try {
      unread.value = (await call('get', '/api/v1/notifications/unread-count')).count
    } catch (e) {
      if (!missing(e)) throw e
    }
  }

  async function load(page = 1) {
    try {
      const res = await call('get', '/api/v1/notifications', { query: { page } })
      items.value = res.items
      total.value = res.total
    } catch (e) {
      if (!missing(e)) throw e
    }
  }

  async function markRead(id: number) {
    await call('post', '/api/v1/notifications/{id}/read', { params: { id } })
    const item = items.value.find((n) => n.id === id)
    if (item && !item.read) {
      item.read = true
      unread.value = Math.max(0, unread.value - 1)
    }
  }

  async function markAllRead() {
    await call('post', '/api/v1/notifications/read-all')
    items.value.forEach((n) => (n.read = true))
    unread.value = 0
  }

  function seen(event: MessageEvent<string>) {
    const id = Number(event.lastEventId)
    if (Number.isSafeInteger(id)) position = Math.max(position ?? 0, id)
  }

  async function connect() {
    disconnect()
    if (!available.value || typeof EventSource === 'undefined') return
    try {
      const { token } = await call('post', '/api/v1/notifications/stream-token')
      const resume = position === null ? '' : `&lastEventId=${position}`
      source = new EventSource(`/api/v1/notifications/stream?token=${encodeURIComponent(token)}${resume}`)
      // The server names its events (onmessage only sees unnamed ones).
      source.addEventListener('unread', (event) => {
        const message = event as MessageEvent<string>
        unread.value = (JSON.parse(message.data) as Schemas['UnreadCount']).count
        seen(message)
      })
      source.addEventListener('notification', (event) => {
        const message = event as MessageEvent<string>
        const n = JSON.parse(message.data) as Schemas['NotificationView']
        const known = items.value.some((x) => x.id === n.id)
        // One written late can come after a newer one: keep the list newest first.
        items.value = [n, ...items.value.filter((x) => x.id !== n.id)].sort((a, b) => b.id - a.id)
        if (!n.read && !known) unread.value += 1
        seen(message)
      })
      source.onerror = () => {
        // The token is single-use and short-lived: reconnect with a new one rather than letting EventSource
        // retry; the new stream recounts up to where this one stopped and sends what came after.
        disconnect()
        retry = setTimeout(() => void connect(), 5000)
      }
    } catch (e) {
      if (!missing(e)) console.warn('notification stream unavailable', e)
    }
  }

  function disconnect() {
    clearTimeout(retry)
    source?.close()
    source = null
  }

  function reset() {
    disconnect()
    position = null
    unread.value = 0
    items.value = []
  }

  return { unread, items, total, available, refreshCount, load, markRead, markAllRead, connect, disconnect, reset }
})
