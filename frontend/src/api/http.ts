// The one place that talks HTTP to the API: tokens, refresh, guest session, language, problem+json.

export interface FieldError {
  field: string
  code: string
  message: string
}

export interface Problem {
  type?: string
  title?: string
  status: number
  code: string
  detail?: string
  errors?: FieldError[]
}

/** A non-2xx answer (code from problem+json) or a network failure (status 0, code "network_error"). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fieldErrors: FieldError[]

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code)
    this.status = problem.status
    this.code = problem.code
    this.fieldErrors = problem.errors ?? []
  }

  /** Field errors keyed by field name, for inline messages in forms. */
  byField(): Record<string, string> {
    return Object.fromEntries(this.fieldErrors.map((e) => [e.field, e.message]))
  }
}

export interface Tokens {
  accessToken: string
  refreshToken: string
}

const TOKENS_KEY = 'fenz.tokens'
const SESSION_KEY = 'fenz.sessionId'
const LOCALE_KEY = 'fenz.locale'

export const storage = {
  tokens(): Tokens | null {
    const raw = localStorage.getItem(TOKENS_KEY)
    if (!raw) return null
    try {
      return JSON.parse(raw) as Tokens
    } catch {
      return null
    }
  },
  setTokens(tokens: Tokens | null) {
    if (tokens) localStorage.setItem(TOKENS_KEY, JSON.stringify(tokens))
    else localStorage.removeItem(TOKENS_KEY)
  },
  /** The guest's session id: created once, kept across visits. */
  sessionId(): string {
    let id = localStorage.getItem(SESSION_KEY)
    if (!id) {
      id = crypto.randomUUID()
      localStorage.setItem(SESSION_KEY, id)
    }
    return id
  },
  locale(): string {
    return localStorage.getItem(LOCALE_KEY) ?? 'zh-TW'
  },
  setLocale(locale: string) {
    localStorage.setItem(LOCALE_KEY, locale)
  },
}

type Listener = () => void
const logoutListeners = new Set<Listener>()

/** Called when the session can't be refreshed (the stores log out and the UI says so). */
export function onSessionLost(listener: Listener): () => void {
  logoutListeners.add(listener)
  return () => logoutListeners.delete(listener)
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>
  body?: unknown
  /** A raw body (file upload) sent as is. */
  raw?: Blob
  signal?: AbortSignal
  /** Skips the bearer token and the refresh (login, register, refresh itself). */
  anonymous?: boolean
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

function headers(opts: RequestOptions, accessToken: string | undefined): Headers {
  const h = new Headers({ Accept: 'application/json', 'Accept-Language': storage.locale(), 'X-Session-Id': storage.sessionId() })
  if (opts.body !== undefined) h.set('Content-Type', 'application/json')
  if (opts.raw) h.set('Content-Type', opts.raw.type || 'application/octet-stream')
  if (accessToken) h.set('Authorization', `Bearer ${accessToken}`)
  return h
}

async function problemOf(res: Response): Promise<ApiError> {
  let body: Partial<Problem> = {}
  try {
    body = (await res.json()) as Partial<Problem>
  } catch {
    // not JSON (a proxy's error page): the status says enough
  }
  return new ApiError({ ...body, status: res.status, code: body.code ?? `http_${res.status}` })
}

async function send(method: string, path: string, opts: RequestOptions, accessToken?: string): Promise<Response> {
  try {
    return await fetch(buildUrl(path, opts.query), {
      method,
      headers: headers(opts, accessToken),
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: opts.signal,
    })
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e
    throw new ApiError({ status: 0, code: 'network_error', detail: (e as Error).message })
  }
}

let refreshing: Promise<Tokens | null> | null = null

/**
 * One refresh at a time: in this tab through a shared promise, across tabs through a Web Lock;
 * a tab that waited finds the other tab's new tokens in storage and uses them.
 */
export function refreshTokens(stale: Tokens): Promise<Tokens | null> {
  if (!refreshing) {
    const run = async () => {
      const current = storage.tokens()
      if (current && current.refreshToken !== stale.refreshToken) return current
      if (!current) return null
      const res = await send('POST', '/api/v1/auth/refresh', { body: { refreshToken: current.refreshToken } })
      if (!res.ok) {
        storage.setTokens(null)
        logoutListeners.forEach((l) => l())
        return null
      }
      const body = (await res.json()) as Tokens
      const tokens = { accessToken: body.accessToken, refreshToken: body.refreshToken }
      storage.setTokens(tokens)
      return tokens
    }
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
    refreshing = (locks ? locks.request('fenz-token-refresh', run).then((tokens) => tokens) : run()).finally(() => {
      refreshing = null
    })
  }
  return refreshing
}

/** Sends a request; on a 401 with tokens held, refreshes once and retries once. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const tokens = opts.anonymous ? null : storage.tokens()
  let res = await send(method, path, opts, tokens?.accessToken)
  if (res.status === 401 && tokens) {
    const fresh = await refreshTokens(tokens)
    if (fresh) res = await send(method, path, opts, fresh.accessToken)
  }
  if (!res.ok) throw await problemOf(res)
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export interface UploadProgress {
  loaded: number
  total: number
}

/**
 * A file upload with progress (fetch has none): XHR, the same headers, and the same
 * refresh-once-on-401 so a token that expired mid-upload doesn't lose the file.
 */
export function upload<T>(path: string, file: Blob, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<T> {
  const attempt = (accessToken?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open('POST', path)
      headers({ raw: file }, accessToken).forEach((v, k) => xhr.setRequestHeader(k, v))
      xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size })
      xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText })
      xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network_error' }))
      xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'))
      signal?.addEventListener('abort', () => xhr.abort())
      xhr.send(file)
    })
  return (async () => {
    const tokens = storage.tokens()
    let res = await attempt(tokens?.accessToken)
    if (res.status === 401 && tokens) {
      const fresh = await refreshTokens(tokens)
      if (fresh) res = await attempt(fresh.accessToken)
    }
    if (res.status < 200 || res.status >= 300) {
      let body: Partial<Problem> = {}
      try {
        body = JSON.parse(res.body) as Partial<Problem>
      } catch {
        // not JSON
      }
      throw new ApiError({ ...body, status: res.status, code: body.code ?? `http_${res.status}` })
    }
    return JSON.parse(res.body) as T
  })()
}
