// Fails when the served OpenAPI document differs from the one the client was generated from.
//   npm run api:check -- http://127.0.0.1:18080
import { readFile } from 'node:fs/promises'
import { fetchDocument, serialize } from './api-schema.mjs'

export async function checkAgainst(base) {
  const served = serialize(await fetchDocument(base))
  const committed = await readFile(new URL('../src/api/openapi.json', import.meta.url), 'utf8')
  if (served !== committed) {
    throw new Error(`the served OpenAPI document differs from src/api/openapi.json: run \`npm run api:generate -- ${base}\` and fix what no longer type-checks`)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await checkAgainst(process.argv[2] ?? process.env.FENZ_API ?? 'http://localhost:8080')
  console.log('src/api/openapi.json matches the served document')
}
