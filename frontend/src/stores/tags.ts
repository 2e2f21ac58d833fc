import { defineStore } from 'pinia'
import { ref } from 'vue'
import { call, type Schemas } from '../api/typed'

export const MAX_TAGS = 5
export type Tag = Schemas['TagView']

/** All tags (names in the UI language) and the viewer's picks (user or guest session). */
export const useTags = defineStore('tags', () => {
  const all = ref<Tag[]>([])
  const mine = ref<number[]>([])

  async function load() {
    const [list, picks] = await Promise.all([call('get', '/api/v1/tags'), call('get', '/api/v1/me/tags')])
    all.value = list.items
    mine.value = picks.tagIds
  }

  async function save(tagIds: number[]) {
    if (tagIds.length > MAX_TAGS) throw new RangeError('too many tags')
    const saved = await call('put', '/api/v1/me/tags', { body: { tagIds } })
    mine.value = saved.tagIds
  }

  function name(id: number): string {
    return all.value.find((t) => t.id === id)?.name ?? String(id)
  }

  return { all, mine, load, save, name }
})
