import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import HomePage from '../src/pages/HomePage.vue'
import { useTags } from '../src/stores/tags'
import { fakeFetch, plugins } from './helpers'

describe('HomePage tag picker', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('keeps a click made while the saved picks were still loading', async () => {
    const calls = fakeFetch((c) => {
      if (c.url === '/api/v1/videos/recommended') return { status: 200, body: { items: [], chosenTagIds: [], source: 'newest' } }
      if (c.method === 'PUT' && c.url === '/api/v1/me/tags') return { status: 200, body: { tagIds: (c.body as { tagIds: number[] }).tagIds, tags: [] } }
      return { status: 404, body: { status: 404, code: 'not_found' } }
    })
    const opts = plugins()
    const tags = useTags()
    tags.all = [1, 2, 3].map((id) => ({ id, slug: `t${id}`, name: `標籤${id}` }))
    const wrapper = mount(HomePage, opts)
    await flushPromises()
    await wrapper.find('[data-test=tag-t1]').trigger('click')
    // The sign-in's load of the (empty) saved picks lands after the click.
    tags.mine = []
    await flushPromises()
    expect(wrapper.find('[data-test=tag-t1]').attributes('aria-pressed')).toBe('true')
    await wrapper.find('[data-test=tag-t3]').trigger('click')
    await wrapper.find('[data-test=save-tags]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ tagIds: [1, 3] })
  })
})
