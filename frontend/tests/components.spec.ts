import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import TagPicker from '../src/components/TagPicker.vue'
import SearchBox from '../src/components/SearchBox.vue'
import VideoCard from '../src/components/VideoCard.vue'
import { plugins } from './helpers'
import { setLocale } from '../src/i18n'

const tags = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, slug: `t${i + 1}`, name: `標籤${i + 1}` }))

describe('TagPicker', () => {
  it('toggles chips and refuses a sixth tag', async () => {
    const wrapper = mount(TagPicker, { props: { tags, modelValue: [1, 2, 3, 4] }, ...plugins() })
    await wrapper.find('[data-test=tag-t5]').trigger('click')
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([[1, 2, 3, 4, 5]])
    await wrapper.setProps({ modelValue: [1, 2, 3, 4, 5] })
    expect(wrapper.find('[data-test=tag-t6]').attributes('disabled')).toBeDefined()
    await wrapper.find('[data-test=tag-t6]').trigger('click')
    expect(wrapper.emitted('update:modelValue')).toHaveLength(1)
    expect(wrapper.text()).toContain('最多只能選 5 個標籤')
    await wrapper.find('[data-test=tag-t2]').trigger('click')
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([[1, 3, 4, 5]])
    expect(wrapper.find('[data-test=tag-t1]').attributes('aria-pressed')).toBe('true')
  })
})

describe('SearchBox', () => {
  it('does not search while an IME is composing, and searches on Enter afterwards', async () => {
    const wrapper = mount(SearchBox, { props: { modelValue: '', 'onUpdate:modelValue': (v: string) => wrapper.setProps({ modelValue: v }) }, ...plugins() })
    const input = wrapper.find('input')
    await input.trigger('compositionstart')
    await input.setValue('ㄇㄠ')
    await input.trigger('keydown', { key: 'Enter' })
    await input.trigger('keydown', { key: 'Enter', isComposing: true })
    expect(wrapper.emitted('search')).toBeUndefined()
    await input.setValue('貓咪')
    await input.trigger('compositionend')
    await input.trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('search')).toEqual([['貓咪']])
  })

  it('ignores a blank query', async () => {
    const wrapper = mount(SearchBox, { props: { modelValue: '   ' }, ...plugins() })
    await wrapper.find('form').trigger('submit')
    expect(wrapper.emitted('search')).toBeUndefined()
  })
})

describe('VideoCard', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows the tier badge, the duration and why the feed chose it', () => {
    const video = { id: 3, title: '很長的中文標題'.repeat(10), channelId: 9, channelName: '頻道', durationSeconds: 3725, views: 1200, accessTier: 2, locked: true, matchedTags: [{ id: 1, name: '貓咪' }, { id: 2, name: '料理' }] }
    const wrapper = mount(VideoCard, { props: { video, showWhy: true }, ...plugins() })
    expect(wrapper.text()).toContain('1:02:05')
    expect(wrapper.text()).toContain('會員專屬')
    expect(wrapper.find('[data-test=why]').text()).toBe('因為你喜歡 貓咪、料理')
    expect(wrapper.find('h3').classes()).toContain('wrap-anywhere')
  })

  it('has no why hint outside the feed', async () => {
    const video = { id: 3, title: 't', channelId: 9, channelName: 'c', durationSeconds: 5, views: 0, accessTier: 0, locked: false, matchedTags: [{ id: 1, name: 'x' }] }
    const wrapper = mount(VideoCard, { props: { video }, ...plugins() })
    await flushPromises()
    expect(wrapper.find('[data-test=why]').exists()).toBe(false)
  })

  it('says "1 view" and "2 views" in English', async () => {
    const opts = plugins()
    setLocale('en')
    try {
      const video = { id: 3, title: 't', channelId: 9, channelName: 'c', durationSeconds: 5, views: 1, accessTier: 0, locked: false, matchedTags: [] }
      const wrapper = mount(VideoCard, { props: { video }, ...opts })
      expect(wrapper.text()).toContain('1 view')
      expect(wrapper.text()).not.toContain('1 views')
      await wrapper.setProps({ video: { ...video, views: 2 } })
      expect(wrapper.text()).toContain('2 views')
    } finally {
      setLocale('zh-TW')
    }
  })
})
