import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ApiError } from '../src/api/http'
import { plugins } from './helpers'

// Pages built on the notifications and monetization contract, against the client mocked.
const api = vi.hoisted(() => ({
  notifications: vi.fn(),
  unreadCount: vi.fn(),
  markRead: vi.fn(),
  markAllRead: vi.fn(),
  streamToken: vi.fn(),
  startMembership: vi.fn(),
  cancelMembership: vi.fn(),
  myMemberships: vi.fn(),
  donate: vi.fn(),
  donationsSent: vi.fn(),
  dashboardVideos: vi.fn(),
  analytics: vi.fn(),
  setMembershipPrice: vi.fn(),
}))
vi.mock('../src/api/pending', () => ({ pending: api }))

import NotificationsPage from '../src/pages/NotificationsPage.vue'
import StudioPage from '../src/pages/StudioPage.vue'
import ChannelActions from '../src/components/ChannelActions.vue'
import { useSession } from '../src/stores/session'
import * as payments from '../src/payments'

const page = <T>(items: T[]) => ({ items, page: 1, pageSize: 20, total: items.length })

beforeEach(() => {
  Object.values(api).forEach((f) => f.mockReset())
})
afterEach(() => vi.restoreAllMocks())

describe('NotificationsPage', () => {
  it('lists notifications newest first and marks them all read', async () => {
    api.notifications.mockResolvedValue(page([
      { id: 2, kind: 'video_published', videoId: 7, videoTitle: '新影片', channelName: '小明', read: false, createdAt: '2026-12-04T10:00:00Z' },
      { id: 1, kind: 'video_published', videoId: 6, videoTitle: '舊影片', channelName: '小明', read: true, createdAt: '2026-12-03T10:00:00Z' },
    ]))
    api.unreadCount.mockResolvedValue({ count: 1 })
    api.markAllRead.mockResolvedValue(undefined)
    const wrapper = mount(NotificationsPage, plugins())
    await flushPromises()
    const rows = wrapper.findAll('[data-test=notification]')
    expect(rows.map((r) => r.text().split('\n')[0])).toEqual([expect.stringContaining('小明 發佈了新影片：新影片'), expect.stringContaining('舊影片')])
    await wrapper.find('[data-test=mark-all]').trigger('click')
    await flushPromises()
    expect(api.markAllRead).toHaveBeenCalledOnce()
    expect(wrapper.find('[data-test=mark-all]').exists()).toBe(false)
  })

  it('says so when the notifications API is not there', async () => {
    api.notifications.mockRejectedValue(new ApiError({ status: 404, code: 'not_found' }))
    api.unreadCount.mockRejectedValue(new ApiError({ status: 404, code: 'not_found' }))
    const wrapper = mount(NotificationsPage, plugins())
    await flushPromises()
    expect(wrapper.text()).toContain('通知功能尚未開放')
  })

  it('offers a retry when the network fails', async () => {
    api.notifications.mockRejectedValueOnce(new ApiError({ status: 0, code: 'network_error' })).mockResolvedValue(page([]))
    api.unreadCount.mockResolvedValue({ count: 0 })
    const wrapper = mount(NotificationsPage, plugins())
    await flushPromises()
    expect(wrapper.find('[data-test=load-error]').exists()).toBe(true)
    await wrapper.find('[data-test=load-error] button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test=no-notifications]').exists()).toBe(true)
  })
})

describe('StudioPage', () => {
  it('shows my videos with member / non-member views and the analytics totals', async () => {
    api.dashboardVideos.mockResolvedValue(page([{ id: 5, title: '我的影片', published: true, accessTier: 2, viewsMember: 12, viewsNonMember: 30, donationsTotal: 15000 }]))
    api.analytics.mockResolvedValue({ totals: { views: 42, members: 3 }, days: [{ date: '2026-12-03', viewsMember: 2, viewsNonMember: 5, members: 1, donations: 100 }] })
    const wrapper = mount(StudioPage, plugins())
    await flushPromises()
    const cells = wrapper.findAll('[data-test=studio-videos] tbody td').map((td) => td.text())
    expect(cells.slice(0, 5)).toEqual(['我的影片', '已發佈', '會員', '12', '30'])
    expect(cells[5]).toContain('150')
    expect(wrapper.find('[data-test=total-views]').text()).toBe('42')
  })

  it('saves the membership price in minor units', async () => {
    api.dashboardVideos.mockResolvedValue(page([]))
    api.analytics.mockResolvedValue({ totals: {}, days: [] })
    api.setMembershipPrice.mockResolvedValue({})
    const wrapper = mount(StudioPage, plugins())
    await flushPromises()
    await wrapper.find('input[type=number]').setValue('99')
    await wrapper.find('form').trigger('submit')
    expect(api.setMembershipPrice).toHaveBeenCalledWith({ price: 9900, currency: 'TWD' })
  })
})

describe('ChannelActions payments', () => {
  const channel = { id: 4, name: '頻道', description: '', ownerId: 99, subscriberCount: 0, videoCount: 1, membershipPrice: 15000, currency: 'TWD', createdAt: '' }

  function signedIn() {
    const opts = plugins()
    useSession().user = { id: 1, email: 'a@b.c', displayName: 'A', role: 'USER', hidden: false, createdAt: '', channelId: 2 }
    return opts
  }

  it('opens the simulator checkout and waits for the webhook-driven membership', async () => {
    const opened: string[] = []
    vi.spyOn(payments, 'openCheckout').mockImplementation(async (c) => void opened.push(c.checkoutUrl))
    api.startMembership.mockResolvedValue({ transactionId: 'txn_1', checkoutUrl: '/api/v1/payments/simulator/txn_1' })
    api.myMemberships.mockResolvedValueOnce(page([])).mockResolvedValue(page([{ channelId: 4, status: 'active' }]))
    vi.useFakeTimers()
    const wrapper = mount(ChannelActions, { props: { channel, subscribed: false, member: false }, ...signedIn() })
    expect(wrapper.find('[data-test=join]').text()).toContain('150')
    await wrapper.find('[data-test=join]').trigger('click')
    await vi.advanceTimersByTimeAsync(0)
    expect(opened).toEqual(['/api/v1/payments/simulator/txn_1'])
    expect(wrapper.find('[data-test=payment-status]').text()).toBe('等待付款確認…')
    expect(wrapper.emitted('changed')).toBeUndefined()
    await vi.advanceTimersByTimeAsync(2500)
    vi.useRealTimers()
    await flushPromises()
    expect(api.myMemberships).toHaveBeenCalledTimes(2)
    expect(wrapper.emitted('changed')).toHaveLength(1)
    expect(wrapper.find('[data-test=payment-status]').text()).toBe('付款完成，謝謝支持！')
  })

  it('opens Paddle.js with the transaction id when a client token is configured', async () => {
    const checkoutOpen = vi.fn()
    const initialize = vi.fn()
    window.Paddle = { Initialize: initialize, Checkout: { open: checkoutOpen } }
    const fallback = vi.fn()
    await payments.openCheckout({ transactionId: 'txn_9', checkoutUrl: '/sim', clientToken: 'test_tok' }, fallback)
    expect(initialize).toHaveBeenCalledWith({ token: 'test_tok' })
    expect(checkoutOpen).toHaveBeenCalledWith({ transactionId: 'txn_9' })
    expect(fallback).not.toHaveBeenCalled()
    delete window.Paddle
  })

  it('asks a guest to sign in instead of paying', async () => {
    const opts = plugins()
    const wrapper = mount(ChannelActions, { props: { channel, subscribed: false, member: false }, ...opts })
    await wrapper.find('[data-test=join]').trigger('click')
    await flushPromises()
    expect(api.startMembership).not.toHaveBeenCalled()
    expect(opts.router.currentRoute.value.name).toBe('login')
  })
})
