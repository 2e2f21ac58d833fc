import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { fakeFetch, plugins, type Call } from './helpers'
import NotificationsPage from '../src/pages/NotificationsPage.vue'
import StudioPage from '../src/pages/StudioPage.vue'
import ChannelActions from '../src/components/ChannelActions.vue'
import { useSession } from '../src/stores/session'
import { useNotifications } from '../src/stores/notifications'
import * as payments from '../src/payments'
import { setLocale } from '../src/i18n'

// Pages on the notifications and monetization API, against a fake server (the real client and paths).
const page = <T>(items: T[]) => ({ items, page: 1, pageSize: 20, total: items.length })
type Answer = { status: number; body?: unknown }
const notFound: Answer = { status: 404, body: { status: 404, code: 'not_found' } }

/** Answers by "METHOD /path" (query ignored); a function answers per call. */
function server(routes: Record<string, Answer | ((c: Call) => Answer)>) {
  return fakeFetch((c) => {
    const route = routes[`${c.method} ${c.url.split('?')[0]}`]
    return typeof route === 'function' ? route(c) : (route ?? notFound)
  })
}

function signedIn() {
  const opts = plugins()
  useSession().user = { id: 1, email: 'a@b.c', displayName: 'A', role: 'USER', hidden: false, createdAt: '', channelId: 2 }
  return opts
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('NotificationsPage', () => {
  const n = (id: number, kind: string, extra: object = {}) => ({ id, kind, read: false, createdAt: '2026-12-04T10:00:00Z', channelId: 2, actorUserId: 5, detail: {}, ...extra })

  it('says what happened for each kind, naming who and which channel, and marks them all read', async () => {
    const calls = server({
      'GET /api/v1/notifications': {
        status: 200,
        body: page([
          n(4, 'donation_received', { videoId: 7, videoTitle: '夜景', actorName: '阿華', detail: { donationId: 1, amount: 10000, currency: 'TWD' } }),
          n(3, 'new_member', { actorName: 'Bea' }),
          n(2, 'new_subscriber', { actorName: '小明' }),
          n(1, 'video_published', { videoId: 6, videoTitle: '新影片', channelName: '旅行頻道', read: true }),
        ]),
      },
      'GET /api/v1/notifications/unread-count': { status: 200, body: { count: 3 } },
      'POST /api/v1/notifications/read-all': { status: 204 },
    })
    const wrapper = mount(NotificationsPage, signedIn())
    await flushPromises()
    const rows = wrapper.findAll('[data-test=notification]').map((r) => r.text())
    expect(rows[0]).toMatch(/^阿華 在「夜景」送你一筆 \$100(\.00)? 的抖內/)
    expect(rows[1]).toContain('Bea 加入成為你的頻道會員')
    expect(rows[2]).toContain('小明 訂閱了你的頻道')
    expect(rows[3]).toContain('旅行頻道 發佈了新影片：新影片')
    await wrapper.find('[data-test=mark-all]').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.url === '/api/v1/notifications/read-all')).toHaveLength(1)
    expect(wrapper.find('[data-test=mark-all]').exists()).toBe(false)
  })

  it('reads "someone" where the server names no one (a hidden or deleted account), in both languages', async () => {
    // The server leaves a hidden or deleted account's name out of the JSON.
    const unnamed = [n(3, 'new_subscriber'), n(2, 'donation_received', { actorUserId: null, detail: { donationId: 1, amount: 500, currency: 'USD' } }), n(1, 'membership_ending', { actorUserId: null, detail: { endsAt: '2027-01-01T00:00:00Z' } })]
    const named = [n(3, 'new_subscriber', { actorName: 'Dee' }), n(2, 'membership_ending', { channelName: 'Cooking', detail: { endsAt: '2027-01-01T00:00:00Z' } })]
    let items: object[] = unnamed
    server({
      'GET /api/v1/notifications': () => ({ status: 200, body: page(items) }),
      'GET /api/v1/notifications/unread-count': { status: 200, body: { count: 0 } },
    })
    const rows = async () => {
      const wrapper = mount(NotificationsPage, signedIn())
      await flushPromises()
      return wrapper.findAll('[data-test=notification]').map((r) => r.text())
    }
    const zh = await rows()
    expect(zh[0]).toContain('某位使用者 訂閱了你的頻道')
    expect(zh[1]).toContain('某位使用者 送你一筆')
    expect(zh[2]).toMatch(/^你的會員資格將於 \S+ 結束/)
    setLocale('en')
    try {
      const en = await rows()
      expect(en[0]).toContain('Someone subscribed to your channel')
      expect(en[1]).toMatch(/^Someone sent you a \$5(\.00)? tip/)
      items = named
      const renamed = await rows()
      expect(renamed[0]).toContain('Dee subscribed to your channel')
      expect(renamed[1]).toMatch(/^Your membership of Cooking ends on /)
    } finally {
      setLocale('zh-TW')
    }
  })

  it('offers a retry when the network fails', async () => {
    let first = true
    server({
      'GET /api/v1/notifications': () => (first ? ((first = false), { status: 503, body: { status: 503, code: 'unavailable' } }) : { status: 200, body: page([]) }),
      'GET /api/v1/notifications/unread-count': { status: 200, body: { count: 0 } },
    })
    const wrapper = mount(NotificationsPage, signedIn())
    await flushPromises()
    expect(wrapper.find('[data-test=load-error]').exists()).toBe(true)
    await wrapper.find('[data-test=load-error] button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test=no-notifications]').exists()).toBe(true)
  })
})

describe('notifications store', () => {
  const sources: FakeSource[] = []
  class FakeSource extends EventTarget {
    onerror: (() => void) | null = null
    constructor(readonly url: string) {
      super()
      sources.push(this)
    }
    close() {}
  }
  const notification = (id: number) =>
    new MessageEvent('notification', { data: JSON.stringify({ id, kind: 'new_member', read: false }), lastEventId: String(id) })

  async function connected() {
    sources.length = 0
    vi.stubGlobal('EventSource', FakeSource)
    let tokens = 0
    server({ 'POST /api/v1/notifications/stream-token': () => ({ status: 200, body: { token: `tok${++tokens}`, expiresAt: '' } }) })
    signedIn()
    const store = useNotifications()
    await store.connect()
    return store
  }

  it('counts a notification from the live stream once, under the event name the server sends', async () => {
    const store = await connected()
    expect(sources[0].url).toBe('/api/v1/notifications/stream?token=tok1')
    sources[0].dispatchEvent(notification(9))
    sources[0].dispatchEvent(notification(9))
    expect(store.unread).toBe(1)
    expect(store.items.map((x) => x.id)).toEqual([9])
  })

  it('takes the count the stream opens with, keeps the list newest first, and resumes where it stopped', async () => {
    vi.useFakeTimers()
    try {
      const store = await connected()
      store.unread = 7 // an older answer of GET /unread-count
      sources[0].dispatchEvent(new MessageEvent('unread', { data: JSON.stringify({ count: 2 }), lastEventId: '40' }))
      expect(store.unread).toBe(2)
      sources[0].dispatchEvent(notification(45))
      sources[0].dispatchEvent(notification(43)) // written before 45, committed after it
      expect(store.unread).toBe(4)
      expect(store.items.map((x) => x.id)).toEqual([45, 43])

      sources[0].onerror?.()
      await vi.advanceTimersByTimeAsync(5000)
      expect(sources).toHaveLength(2)
      expect(sources[1].url).toBe('/api/v1/notifications/stream?token=tok2&lastEventId=45')
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('StudioPage', () => {
  const day = (date: string, x: object = {}) => ({ date, viewsMember: 0, viewsNonMember: 0, newSubscribers: 0, newMembers: 0, activeMembers: 0, donations: [], ...x })
  const dashboard = {
    'GET /api/v1/dashboard/videos': {
      status: 200,
      body: page([{ id: 5, title: '我的影片', published: true, accessTier: 2, viewsMember: 12, viewsNonMember: 30, donations: [{ currency: 'TWD', amount: 15000, count: 1 }], createdAt: '', publishedAt: '' }]),
    },
    'GET /api/v1/dashboard/analytics': {
      status: 200,
      body: {
        from: '2026-12-03',
        to: '2026-12-04',
        totals: { viewsMember: 12, viewsNonMember: 30, newSubscribers: 4, newMembers: 1, activeMembers: 3, donations: [{ currency: 'TWD', amount: 15000, count: 1 }] },
        days: [day('2026-12-03', { viewsNonMember: 30 }), day('2026-12-04', { viewsMember: 12, newMembers: 1, activeMembers: 3, donations: [{ currency: 'TWD', amount: 15000, count: 1 }] })],
      },
    },
    'GET /api/v1/me/donations/received': {
      status: 200,
      body: page([
        { id: 8, amount: 15000, currency: 'TWD', status: 'paid', message: '加油！', fromName: '觀眾', fromUserId: 3, videoId: 5, channelId: 2, channelName: '頻道', createdAt: '', paidAt: '' },
        { id: 9, amount: 5000, currency: 'TWD', status: 'pending', message: '還沒付', fromName: '觀眾', fromUserId: 3, videoId: 5, channelId: 2, channelName: '頻道', createdAt: '', paidAt: '' },
      ]),
    },
  }

  it('shows the totals, my videos with member / non-member views and tips, and the paid tips with their message', async () => {
    server(dashboard)
    const wrapper = mount(StudioPage, signedIn())
    await flushPromises()
    const cells = wrapper.findAll('[data-test=studio-videos] tbody td').map((td) => td.text())
    expect(cells.slice(0, 5)).toEqual(['我的影片', '已發佈', '會員', '12', '30'])
    expect(cells[5]).toMatch(/^\$150(\.00)?$/)
    expect(wrapper.find('[data-test=total-activeMembers]').text()).toBe('3')
    expect(wrapper.find('[data-test=total-viewsMember]').text()).toBe('12')
    expect(wrapper.find('[data-test=total-donations]').text()).toMatch(/^\$150(\.00)?$/)
    expect(wrapper.findAll('[data-test=tip-row]')).toHaveLength(1)
    expect(wrapper.find('[data-test=tip-message]').text()).toBe('「加油！」')
    expect(wrapper.findAll('[data-test^=chart-]')).toHaveLength(3)
  })

  it('names a tip whose sender deleted their account (the answer leaves fromName out)', async () => {
    const orphan = { id: 8, amount: 15000, currency: 'TWD', status: 'paid', message: '', videoId: 5, channelId: 2, channelName: '頻道', createdAt: '', paidAt: '' }
    server({ ...dashboard, 'GET /api/v1/me/donations/received': { status: 200, body: page([orphan]) } })
    const wrapper = mount(StudioPage, signedIn())
    await flushPromises()
    expect(wrapper.find('[data-test=tip-row]').text()).toContain('· 已刪除的帳號 · 我的影片')
  })

  it('saves the membership price in minor units', async () => {
    const calls = server({ ...dashboard, 'PUT /api/v1/dashboard/membership-settings': { status: 200, body: {} } })
    const wrapper = mount(StudioPage, signedIn())
    await flushPromises()
    await wrapper.find('[data-test=price-input]').setValue('99')
    await wrapper.find('[data-test=price-form]').trigger('submit')
    await flushPromises()
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ price: 9900, currency: 'TWD' })
  })
})

describe('ChannelActions payments', () => {
  const channel = { id: 4, name: '頻道', description: '', ownerId: 99, subscriberCount: 0, videoCount: 1, membershipPrice: 15000, currency: 'TWD', createdAt: '' }

  it('opens the simulator checkout and waits for the webhook-driven membership', async () => {
    const opened: string[] = []
    vi.spyOn(payments, 'openCheckout').mockImplementation(async (c) => void opened.push(c.checkoutUrl))
    let polls = 0
    server({
      'POST /api/v1/channels/4/membership': { status: 201, body: { transactionId: 'txn_1', checkoutUrl: '/api/v1/dev/payments/checkout/txn_1', donationId: null } },
      // Not a member on the first poll; the webhook lands before the second.
      'GET /api/v1/me/memberships': () => ({ status: 200, body: page(polls++ ? [{ channelId: 4, status: 'active', active: true }] : []) }),
    })
    vi.useFakeTimers()
    const wrapper = mount(ChannelActions, { props: { channel, subscribed: false, member: false }, ...signedIn() })
    expect(wrapper.find('[data-test=join]').text()).toContain('150')
    await wrapper.find('[data-test=join]').trigger('click')
    await vi.advanceTimersByTimeAsync(0)
    expect(opened).toEqual(['/api/v1/dev/payments/checkout/txn_1'])
    expect(wrapper.find('[data-test=payment-status]').text()).toBe('等待付款確認…')
    expect(wrapper.emitted('changed')).toBeUndefined()
    await vi.advanceTimersByTimeAsync(2500)
    vi.useRealTimers()
    await flushPromises()
    expect(polls).toBe(2)
    expect(wrapper.emitted('changed')).toHaveLength(1)
    expect(wrapper.find('[data-test=payment-status]').text()).toBe('付款完成，謝謝支持！')
  })

  it('waits for its own tip to be paid by the webhook, found by the donation id', async () => {
    vi.spyOn(payments, 'openCheckout').mockResolvedValue(undefined)
    const donation = (id: number, status: string) => ({ id, status, amount: 10000, currency: 'TWD', message: '', videoId: 7, channelId: 4, channelName: '', fromName: '', fromUserId: 1, createdAt: '', paidAt: '' })
    let polls = 0
    const calls = server({
      'POST /api/v1/videos/7/donations': { status: 201, body: { transactionId: 'txn_2', checkoutUrl: '/sim', donationId: 31 } },
      'GET /api/v1/me/donations/sent': () => ({ status: 200, body: page([donation(30, 'paid'), donation(31, polls++ ? 'paid' : 'pending')]) }),
    })
    vi.useFakeTimers()
    const wrapper = mount(ChannelActions, { props: { channel, videoId: 7, subscribed: false, member: false }, ...signedIn() })
    await wrapper.find('[data-test=tip]').trigger('click')
    await wrapper.find('[data-test=tip-amount]').setValue('100')
    await wrapper.find('[data-test=tip-message]').setValue('加油')
    await wrapper.find('form').trigger('submit')
    await vi.advanceTimersByTimeAsync(0)
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ amount: 10000, currency: 'TWD', message: '加油' })
    expect(wrapper.find('[data-test=payment-status]').text()).toBe('等待付款確認…')
    await vi.advanceTimersByTimeAsync(2500)
    vi.useRealTimers()
    await flushPromises()
    expect(polls).toBe(2)
    expect(wrapper.find('[data-test=payment-status]').text()).toBe('付款完成，謝謝支持！')
  })

  it('opens Paddle.js with the transaction id when a client token is configured', async () => {
    const checkoutOpen = vi.fn()
    const initialize = vi.fn()
    window.Paddle = { Initialize: initialize, Checkout: { open: checkoutOpen } }
    const fallback = vi.fn()
    await payments.openCheckout({ transactionId: 'txn_9', checkoutUrl: '/sim', donationId: 0, clientToken: 'test_tok' }, fallback)
    expect(initialize).toHaveBeenCalledWith({ token: 'test_tok' })
    expect(checkoutOpen).toHaveBeenCalledWith({ transactionId: 'txn_9' })
    expect(fallback).not.toHaveBeenCalled()
    delete window.Paddle
  })

  it('asks a guest to sign in instead of paying', async () => {
    const calls = server({})
    const opts = plugins()
    const wrapper = mount(ChannelActions, { props: { channel, subscribed: false, member: false }, ...opts })
    await wrapper.find('[data-test=join]').trigger('click')
    await flushPromises()
    expect(calls).toHaveLength(0)
    expect(opts.router.currentRoute.value.name).toBe('login')
  })
})
