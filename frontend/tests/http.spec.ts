import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, onSessionLost, request, storage } from '../src/api/http'
import { fakeFetch } from './helpers'

const problem = (status: number, code: string) => ({ status, body: { status, code, title: code } })

describe('the API client', () => {
  beforeEach(() => {
    localStorage.clear()
    storage.setTokens({ accessToken: 'old-access', refreshToken: 'old-refresh' })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('refreshes once on a 401 and retries the request with the new token', async () => {
    const calls = fakeFetch((c) => {
      if (c.url === '/api/v1/auth/refresh') return { status: 200, body: { accessToken: 'new-access', refreshToken: 'new-refresh' } }
      return c.headers.get('Authorization') === 'Bearer new-access' ? { status: 200, body: { id: 1 } } : problem(401, 'invalid_token')
    })
    await expect(request('GET', '/api/v1/me')).resolves.toEqual({ id: 1 })
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/me', '/api/v1/auth/refresh', '/api/v1/me'])
    expect(calls[1].body).toEqual({ refreshToken: 'old-refresh' })
    expect(storage.tokens()).toEqual({ accessToken: 'new-access', refreshToken: 'new-refresh' })
  })

  it('shares one refresh between concurrent 401s', async () => {
    const calls = fakeFetch((c) => {
      if (c.url === '/api/v1/auth/refresh') return { status: 200, body: { accessToken: 'new-access', refreshToken: 'new-refresh' } }
      return c.headers.get('Authorization') === 'Bearer new-access' ? { status: 200, body: {} } : problem(401, 'invalid_token')
    })
    await Promise.all([request('GET', '/api/v1/me'), request('GET', '/api/v1/me/tags'), request('GET', '/api/v1/tags')])
    expect(calls.filter((c) => c.url === '/api/v1/auth/refresh')).toHaveLength(1)
  })

  it('does not retry twice and logs out when the refresh fails', async () => {
    const lost = vi.fn()
    const stop = onSessionLost(lost)
    const calls = fakeFetch((c) => (c.url === '/api/v1/auth/refresh' ? problem(401, 'invalid_refresh_token') : problem(401, 'session_revoked')))
    const error = await request('GET', '/api/v1/me').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('session_revoked')
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/me', '/api/v1/auth/refresh'])
    expect(storage.tokens()).toBeNull()
    expect(lost).toHaveBeenCalledOnce()
    stop()
  })

  it('sends the guest session id and the chosen language on every call', async () => {
    storage.setTokens(null)
    storage.setLocale('en')
    const calls = fakeFetch(() => ({ status: 200, body: {} }))
    await request('GET', '/api/v1/tags')
    await request('GET', '/api/v1/videos/recommended')
    const ids = calls.map((c) => c.headers.get('X-Session-Id'))
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(ids[1]).toBe(ids[0])
    expect(localStorage.getItem('fenz.sessionId')).toBe(ids[0])
    expect(calls.every((c) => c.headers.get('Accept-Language') === 'en')).toBe(true)
    expect(calls.every((c) => !c.headers.has('Authorization'))).toBe(true)
  })

  it('turns problem+json into an error with the field errors', async () => {
    fakeFetch(() => ({ status: 422, body: { status: 422, code: 'validation_failed', detail: 'bad', errors: [{ field: 'title', code: 'required', message: '必填' }] } }))
    const error = (await request('POST', '/api/v1/videos', { body: {} }).catch((e: unknown) => e)) as ApiError
    expect(error.code).toBe('validation_failed')
    expect(error.byField()).toEqual({ title: '必填' })
  })

  it('reports a network failure as status 0 so pages offer a retry', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    const error = (await request('GET', '/api/v1/tags').catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(0)
    expect(error.code).toBe('network_error')
  })
})
