// Typed calls over the generated OpenAPI types (schema.ts): a path or body that drifts from the
// served document is a vue-tsc error. Regenerate with `npm run api:generate`.
import type { components, paths } from './schema'
import { request, type RequestOptions } from './http'

export type Schemas = components['schemas']
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'
type Op<P extends keyof paths, M extends Method> = paths[P][M]
type PathsWith<M extends Method> = { [P in keyof paths]: Op<P, M> extends { responses: object } ? P : never }[keyof paths]
type Json<C> = C extends { content: { 'application/json': infer T } } ? T : undefined
type Success<R> = R extends { 200: infer A } ? A : R extends { 201: infer B } ? B : R extends { 202: infer C } ? C : undefined
export type ResponseOf<P extends keyof paths, M extends Method> = Op<P, M> extends { responses: infer R } ? Json<Success<R>> : never
// A body sends what its schema requires; the rest (fields a PATCH keeps, defaults) may be left out.
export type BodyOf<P extends keyof paths, M extends Method> = Op<P, M> extends { requestBody: infer B } ? Json<B> : never
export type QueryOf<P extends keyof paths, M extends Method> = Op<P, M> extends { parameters: { query?: infer Q } } ? Q : never

export interface CallOptions<P extends keyof paths, M extends Method> {
  params?: Record<string, string | number>
  query?: QueryOf<P, M> & Record<string, unknown>
  body?: BodyOf<P, M>
  signal?: AbortSignal
}

export function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`missing path parameter ${name}`)
    return encodeURIComponent(String(params[name]))
  })
}

export function call<M extends Method, P extends PathsWith<M>>(
  method: M,
  path: P,
  opts: CallOptions<P, M> = {},
): Promise<ResponseOf<P, M>> {
  const anonymous = path === '/api/v1/auth/login' || path === '/api/v1/auth/register'
  return request<ResponseOf<P, M>>(method.toUpperCase(), fillPath(path, opts.params), {
    query: opts.query as RequestOptions['query'],
    body: opts.body,
    signal: opts.signal,
    anonymous,
  })
}
