import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import AnalyticsCharts from '../src/components/AnalyticsCharts.vue'
import { plugins } from './helpers'

const day = (date: string, x: object = {}) => ({ date, viewsMember: 0, viewsNonMember: 0, newSubscribers: 0, newMembers: 0, activeMembers: 0, donations: [], ...x })
const days = [
  day('2026-12-03', { viewsNonMember: 30, activeMembers: 2, donations: [{ currency: 'USD', amount: 250, count: 1 }] }),
  day('2026-12-04', { viewsMember: 12, newMembers: 1, activeMembers: 3, donations: [{ currency: 'TWD', amount: 15000, count: 2 }] }),
]

describe('AnalyticsCharts', () => {
  afterEach(() => vi.restoreAllMocks())

  it('draws the three per-day charts with ECharts from the analytics days', async () => {
    // happy-dom lays nothing out; ECharts needs a size to draw.
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(400)
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(200)
    const wrapper = mount(AnalyticsCharts, { props: { days }, ...plugins() })
    await flushPromises()
    const figures = wrapper.findAll('figure')
    expect(figures.map((f) => f.find('figcaption').text())).toEqual(['每日觀看（會員 / 非會員）', '會員', '抖內金額'])
    // Each chart is an SVG drawn by ECharts, its legend naming the series.
    for (const f of figures) expect(f.find('svg').exists()).toBe(true)
    expect(figures[0].find('svg').text()).toContain('會員觀看')
    expect(figures[0].find('svg').text()).toContain('非會員觀看')
    expect(figures[2].find('svg').text()).toContain('TWD')
    const [views, members, donations] = (wrapper.vm as unknown as { charts: { option: { series: { name: string; data: number[] }[] } }[] }).charts.map((c) => c.option.series)
    expect(views.map((s) => s.data)).toEqual([[0, 12], [30, 0]])
    expect(members.map((s) => s.data)).toEqual([[2, 3], [0, 1]])
    // Tips per currency in whole units (the API counts minor units).
    expect(donations.map((s) => [s.name, s.data])).toEqual([['TWD', [0, 150]], ['USD', [2.5, 0]]])
  })
})
