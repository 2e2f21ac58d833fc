import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { call, type Schemas } from '../api/typed'
import { onSessionLost, storage } from '../api/http'

export type User = Schemas['UserView']

/** Who is signed in: tokens live in localStorage (shared by tabs), the profile here. */
export const useSession = defineStore('session', () => {
  const user = ref<User | null>(null)
  const ready = ref(false)
  const signedIn = computed(() => user.value !== null)
  const isAdmin = computed(() => user.value?.role === 'ADMIN')

  function accept(auth: Schemas['AuthResponse']) {
    storage.setTokens({ accessToken: auth.accessToken, refreshToken: auth.refreshToken })
    user.value = auth.user
  }

  async function restore() {
    if (storage.tokens()) {
      try {
        user.value = await call('get', '/api/v1/me')
      } catch {
        user.value = null
      }
    }
    ready.value = true
  }

  async function login(email: string, password: string) {
    accept(await call('post', '/api/v1/auth/login', { body: { email, password } }))
  }

  async function register(email: string, password: string, displayName: string) {
    accept(await call('post', '/api/v1/auth/register', { body: { email, password, displayName } }))
  }

  async function logout() {
    const tokens = storage.tokens()
    if (tokens) {
      await call('post', '/api/v1/auth/logout', { body: { refreshToken: tokens.refreshToken } }).catch(() => undefined)
    }
    forget()
  }

  /** Drops the session locally (after a failed refresh, hiding or deleting the account). */
  function forget() {
    storage.setTokens(null)
    user.value = null
  }

  onSessionLost(() => {
    user.value = null
  })

  return { user, ready, signedIn, isAdmin, restore, login, register, logout, forget, accept }
})
