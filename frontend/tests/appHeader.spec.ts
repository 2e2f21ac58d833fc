import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { fakeFetch, plugins } from './helpers'
import AppHeader from '../src/components/AppHeader.vue'
import { useSession } from '../src/stores/session'

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

/** The account menu of a signed-in user whose /me answer has `channelId` or leaves it out. */
async function accountMenu(channelId?: number) {
  fakeFetch(() => ({ status: 200, body: { items: [], tagIds: [], tags: [], count: 0 } }))
  const opts = plugins()
  useSession().user = { id: 1, email: 'a@b.c', displayName: 'A', role: 'USER', hidden: false, createdAt: '', ...(channelId === undefined ? {} : { channelId }) }
  const wrapper = mount(AppHeader, { ...opts, attachTo: document.body })
  await flushPromises()
  await wrapper.find('[data-test=avatar]').trigger('click')
  await flushPromises()
  return { wrapper, router: opts.router }
}

describe('AppHeader', () => {
  it('links to the user’s channel', async () => {
    const { router } = await accountMenu(7)
    const item = document.querySelector<HTMLElement>('[data-test=menu-channel]')
    expect(item).not.toBeNull()
    item?.click()
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/channel/7')
  })

  it('offers no channel link to a user without a channel (the answer leaves channelId out)', async () => {
    await accountMenu()
    expect(document.querySelector('[data-test=menu-upload]')).not.toBeNull()
    expect(document.querySelector('[data-test=menu-channel]')).toBeNull()
  })
})
