// bench/spa.sh: the home route's initial JS (gzip) and, in headless Chromium against `fenz dev`,
// the time to the first feed card divided by the time to load a static HTML page from the same server.
import { chromium } from 'playwright-core'
import { readFile, writeFile, rm } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { startServer } from './server.mjs'

const dist = new URL('../dist/', import.meta.url).pathname
const ROUNDS = Number(process.env.ROUNDS ?? 9)

async function initialJs() {
  const html = await readFile(join(dist, 'index.html'), 'utf8')
  const files = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1] ?? m[2])
  let gz = 0
  for (const f of files) gz += gzipSync(await readFile(join(dist, f))).length
  return { files: files.length, gz }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const js = await initialJs()
console.log(`home_initial_js_files: ${js.files}`)
console.log(`home_initial_js_gzip_kb: ${(js.gz / 1024).toFixed(1)}`)
console.log(`home_initial_js_vs_goal_300kb: ${(js.gz / 1024 / 300).toFixed(3)}`)

const probe = join(dist, 'bench-static.html')
await writeFile(probe, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>static</title></head><body><p>static</p></body></html>')
const server = await startServer()
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
try {
  const timeTo = async (path, selector) => {
    // A fresh context each time: nothing cached, like a first visit.
    const context = await browser.newContext({ baseURL: server.base })
    const page = await context.newPage()
    await page.goto(path, { waitUntil: selector ? 'commit' : 'load' })
    if (selector) await page.locator(selector).first().waitFor({ timeout: 30000 })
    const ms = await page.evaluate(() => performance.now())
    await context.close()
    return ms
  }
  await timeTo('/', '[data-test=video-card]') // warm-up: JIT, caches on the server side
  await timeTo('/bench-static.html')
  const card = []
  const stat = []
  for (let i = 0; i < ROUNDS; i++) {
    card.push(await timeTo('/', '[data-test=video-card]'))
    stat.push(await timeTo('/bench-static.html'))
  }
  console.log(`first_feed_card_ms_median: ${median(card).toFixed(1)}`)
  console.log(`static_html_load_ms_median: ${median(stat).toFixed(1)}`)
  console.log(`first_feed_card_vs_static_html: ${(median(card) / median(stat)).toFixed(2)}`)
} finally {
  await browser.close()
  await server.stop()
  await rm(probe, { force: true })
}
