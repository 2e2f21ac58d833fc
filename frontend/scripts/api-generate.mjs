// Regenerates the typed client's types from a running server:
//   npm run api:generate                 (http://localhost:8080, e.g. `make run`)
//   npm run api:generate -- http://127.0.0.1:18080
//   npm run api:generate -- path/to/openapi.json
import { readFile, writeFile } from 'node:fs/promises'
import { fetchDocument, generateTypes, serialize } from './api-schema.mjs'

const source = process.argv[2] ?? process.env.FENZ_API ?? 'http://localhost:8080'
const doc = /^https?:/.test(source) ? await fetchDocument(source) : JSON.parse(await readFile(source, 'utf8'))
const dir = new URL('../src/api/', import.meta.url)
await writeFile(new URL('openapi.json', dir), serialize(doc))
await writeFile(new URL('schema.ts', dir), await generateTypes(doc))
console.log(`src/api/openapi.json and src/api/schema.ts regenerated from ${source}`)
