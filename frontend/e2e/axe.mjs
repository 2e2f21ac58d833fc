// axe-core in the page: fails on serious or critical violations.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

const source = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export async function checkA11y(page, name) {
  await page.addScriptTag({ content: source })
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
  })
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  if (bad.length) throw new Error(`axe on ${name}: ${JSON.stringify(bad, null, 2)}`)
  return result.length
}
