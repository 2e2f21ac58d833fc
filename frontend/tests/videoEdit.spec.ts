import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import VideoEditPage from '../src/pages/VideoEditPage.vue'
import type { Schemas } from '../src/api/typed'
import { fakeFetch, plugins } from './helpers'

// As the server sends it: no category, publication or thumbnail, so those keys are absent.
const video: Schemas['VideoCard'] = {
  id: 12, title: '舊標題', description: '', channelId: 1, channelName: 'c', tagIds: [], durationSeconds: 12,
  accessTier: 0, locked: false, views: 0,
  owner: { published: true, viewsMember: 0, viewsNonMember: 0, videoKey: 'k', createdAt: '', updatedAt: '' },
}

describe('VideoEditPage', () => {
  afterEach(() => vi.unstubAllGlobals())

  it("shows the server's field errors inline", async () => {
    const calls = fakeFetch((c) => {
      if (c.url === '/api/v1/categories') return { status: 200, body: { items: [] } }
      if (c.method === 'PATCH') {
        return { status: 422, body: { status: 422, code: 'validation_failed', detail: '資料有誤', errors: [{ field: 'description', code: 'too_long', message: '說明太長' }] } }
      }
      return { status: 200, body: video }
    })
    const wrapper = mount(VideoEditPage, { props: { id: '12' }, ...plugins() })
    await flushPromises()
    expect((wrapper.find('#v-title').element as HTMLInputElement).value).toBe('舊標題')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(calls.at(-1)?.method).toBe('PATCH')
    expect(wrapper.find('#v-desc-err').text()).toBe('說明太長')
    expect(wrapper.find('[data-test=form-error]').text()).toBe('資料有誤')
  })

  it('validates before sending and refuses to delete a published video', async () => {
    const calls = fakeFetch((c) => (c.url === '/api/v1/categories' ? { status: 200, body: { items: [] } } : { status: 200, body: video }))
    const wrapper = mount(VideoEditPage, { props: { id: '12' }, ...plugins() })
    await flushPromises()
    await wrapper.find('#v-title').setValue('  ')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('#v-title-err').text()).toBe('請輸入標題')
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false)
    expect(wrapper.find('[data-test=delete-video]').attributes('disabled')).toBeDefined()
  })
})
