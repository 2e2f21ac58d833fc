// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateTypes, serialize } from '../scripts/api-schema.mjs'

// The typed client compiles against src/api/schema.ts; this fails when that file is not what the
// committed OpenAPI document generates (edited by hand, or the document updated without regenerating).
// The e2e run checks the committed document against the one the server serves.
describe('the generated API types', () => {
  const dir = new URL('../src/api/', import.meta.url)
  const doc = JSON.parse(readFileSync(new URL('openapi.json', dir), 'utf8'))

  it('are exactly what src/api/openapi.json generates', async () => {
    expect(readFileSync(new URL('schema.ts', dir), 'utf8')).toBe(await generateTypes(doc))
  })

  it('come from a document in canonical form', () => {
    expect(readFileSync(new URL('openapi.json', dir), 'utf8')).toBe(serialize(doc))
  })

  it('cover the routes the pages call', () => {
    for (const path of ['/api/v1/videos/recommended', '/api/v1/videos/{id}/related', '/api/v1/search', '/api/v1/me/tags', '/api/v1/admin/users']) {
      expect(doc.paths).toHaveProperty([path])
    }
  })
})
