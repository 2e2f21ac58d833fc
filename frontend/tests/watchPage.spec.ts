import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import WatchPage from '../src/pages/WatchPage.vue'
import { useSession } from '../src/stores/session'
import type { Schemas } from '../src/api/typed'
import { fakeFetch, plugins } from './helpers'

// As the server sends them: absent keys where the value is null.
const video: Schemas['VideoCard'] = {
  id: 12, title: '會員限定', description: '', channelId: 4, channelName: '頻道', tagIds: [], durationSeconds: 12,
  accessTier: 2, locked: true, views: 3, publishedAt: '2026-12-01T00:00:00Z',
}
const channel: Schemas['ChannelView'] = { id: 4, name: '頻道', description: '', ownerId: 9, subscriberCount: 2, videoCount: 1, membershipPrice: 15000, currency: 'TWD', createdAt: '' }

describe('WatchPage', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows the locked state with the call to join for a members-only video, and no player', async () => {
    const calls = fakeFetch((c) => {
      if (c.url === '/api/v1/videos/12') return { status: 200, body: video }
      if (c.url === '/api/v1/channels/4') return { status: 200, body: channel }
      if (c.url === '/api/v1/videos/12/playback') return { status: 403, body: { status: 403, code: 'membership_required' } }
      if (c.url === '/api/v1/videos/12/related') return { status: 200, body: { items: [] } }
      if (c.url.startsWith('/api/v1/me/subscriptions') || c.url.startsWith('/api/v1/me/memberships')) return { status: 200, body: { items: [], page: 1, pageSize: 100, total: 0 } }
      return { status: 404, body: { status: 404, code: 'not_found' } }
    })
    const opts = plugins()
    useSession().user = { id: 1, email: 'a@b.c', displayName: 'A', role: 'USER', hidden: false, createdAt: '', channelId: 2 }
    const wrapper = mount(WatchPage, { props: { id: '12' }, ...opts })
    await flushPromises()
    expect(wrapper.find('[data-test=player]').exists()).toBe(false)
    expect(wrapper.find('[data-test=locked]').text()).toContain('這部影片只限頻道會員觀看')
    expect(wrapper.find('[data-test=lock-cta]').text()).toContain('加入頻道會員')
    expect(wrapper.find('[data-test=join]').text()).toContain('150')
    expect(calls.some((c) => c.url.includes('/stream'))).toBe(false)
  })
})
