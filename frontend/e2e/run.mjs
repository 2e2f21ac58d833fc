// End-to-end: `fenz dev` from the built jar + the built SPA, driven in Debian's Chromium.
// register -> pick tags -> upload a real clip -> publish -> feed -> play and seek -> search in
// Chinese -> subscribe -> an admin hides a user; axe on every main page; screenshots of each main
// page in zh-TW and en at 1280 and 390 px under test-results/.
import { chromium } from 'playwright-core'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import assert from 'node:assert/strict'
import { startServer } from './server.mjs'
import { makeMedia } from './media.mjs'
import { checkA11y } from './axe.mjs'
import { checkAgainst } from '../scripts/api-check.mjs'

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const OUT = new URL('../test-results/', import.meta.url).pathname
const ADMIN = { email: process.env.FENZ_DEV_ADMIN_EMAIL ?? 'admin@fenz.local', password: process.env.FENZ_DEV_ADMIN_PASSWORD ?? 'fenz-admin-dev' }
const RUN = Date.now().toString(36)
// Per wait; generous because CI machines are shared (each wait ends as soon as its condition holds).
const TIMEOUT = Number(process.env.E2E_TIMEOUT ?? 45000)
const TITLE = `霧峰夜景縮時攝影 ${RUN}`
const SEARCH = '霧峰夜景'
const TAG = { slug: `e2e-${RUN}`, nameZh: `測試標籤${RUN}`, nameEn: `E2E ${RUN}` }
const creator = { email: `creator-${RUN}@example.com`, password: 'creator-pass-1', name: '測試創作者' }
const viewer = { email: `viewer-${RUN}@example.com`, password: 'viewer-pass-1', name: '觀眾' }

// The whole run is bounded: a hang fails it instead of blocking `make test`.
const guard = setTimeout(() => {
  console.error('e2e: overall time limit (15 min) reached')
  process.exit(1)
}, 15 * 60 * 1000)

function step(name) {
  console.log(`e2e: ${name}`)
}

async function newPage(browser, base, locale = 'zh-TW', width = 1280) {
  const context = await browser.newContext({ baseURL: base, viewport: { width, height: 900 }, locale })
  await context.addInitScript((l) => localStorage.setItem('fenz.locale', l), locale)
  context.setDefaultTimeout(TIMEOUT)
  return context.newPage()
}

async function register(page, user) {
  await page.goto('/register')
  await page.fill('#auth-name', user.name)
  await page.fill('#auth-email', user.email)
  await page.fill('#auth-password', user.password)
  await page.click('[data-test=auth-submit]')
  await page.waitForURL((u) => u.pathname === '/')
  await page.locator('[data-test=avatar]').waitFor()
}

async function login(page, user) {
  await page.goto('/login')
  await page.fill('#auth-email', user.email)
  await page.fill('#auth-password', user.password)
  await page.click('[data-test=auth-submit]')
  await page.waitForURL((u) => u.pathname === '/')
  await page.locator('[data-test=avatar]').waitFor()
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'fenz-e2e-media-'))
  const media = makeMedia(work)
  await mkdir(OUT, { recursive: true })
  step('starting fenz dev')
  const server = await startServer()
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'] })
  try {
    step('the client was generated from the served OpenAPI document')
    await checkAgainst(server.base)
    const ids = await flow(browser, server.base, media)
    await screenshots(browser, server.base, ids)
  } catch (e) {
    console.error(server.log().slice(-3000))
    await saveFailure(browser)
    throw e
  } finally {
    await browser.close()
    await server.stop()
    await rm(work, { recursive: true, force: true })
  }
}

/** What each open page showed when the run failed: a screenshot and its text. */
async function saveFailure(browser) {
  let n = 0
  for (const page of browser.contexts().flatMap((c) => c.pages())) {
    n += 1
    await page.screenshot({ path: join(OUT, `failure-${n}.png`), fullPage: true }).catch(() => undefined)
    const text = await page.locator('body').innerText().catch(() => '')
    console.error(`--- page ${n}: ${page.url()}\n${text.slice(0, 1500)}`)
  }
}

async function flow(browser, base, media) {
  step('admin creates a tag in the admin page')
  const admin = await newPage(browser, base)
  await login(admin, ADMIN)
  await admin.goto('/admin/tags')
  await admin.fill('[data-test=new-slug]', TAG.slug)
  await admin.fill('[data-test=new-nameZh]', TAG.nameZh)
  await admin.fill('[data-test=new-nameEn]', TAG.nameEn)
  await admin.click('[data-test=tag-form] button[type=submit]')
  await admin.waitForFunction((slug) => [...document.querySelectorAll('table input')].some((i) => i.value === slug), TAG.slug)

  step('register a creator and pick tags')
  const page = await newPage(browser, base)
  await register(page, creator)
  await page.locator(`[data-test=tag-${TAG.slug}]`).click()
  await page.locator('[data-test=tag-cats]').click()
  await page.click('[data-test=save-tags]')
  await page.locator('header nav a', { hasText: TAG.nameZh }).waitFor()

  step('upload a real clip with a thumbnail')
  await page.click('[data-test=upload-link]')
  await page.waitForURL('**/upload')
  await page.setInputFiles('[data-test=video-file]', media.video)
  await page.locator('[data-test=video-file-done]').waitFor()
  await page.setInputFiles('[data-test=thumb-file]', media.thumb)
  await page.locator('[data-test=thumb-file-done]').waitFor()
  await page.fill('[data-test=video-title-input]', TITLE)
  await page.fill('#v-desc', '台中霧峰的夜景，十二秒的測試影片。')
  await page.locator(`[data-test=tag-${TAG.slug}]`).click()
  await page.click('[data-test=save-video]')
  await page.waitForURL(/\/studio\/videos\/\d+$/)
  const videoId = page.url().match(/(\d+)$/)[1]

  step('publish')
  await page.click('[data-test=publish-toggle]')
  await page.locator('[data-test=publish-state]', { hasText: '已發佈' }).waitFor()

  step('see it in the feed, with the why hint')
  await page.goto('/')
  const card = page.locator('[data-test=video-card]', { hasText: TITLE })
  await card.waitFor()
  assert.match(await card.locator('[data-test=why]').innerText(), new RegExp(TAG.nameZh))

  step('play and seek (Range)')
  const ranges = []
  page.on('response', (r) => {
    if (r.url().includes('/stream') && r.status() === 206) ranges.push(r.headers()['content-range'])
  })
  const viewCounted = page.waitForResponse((r) => r.url().endsWith(`/videos/${videoId}/views`) && r.request().method() === 'POST', { timeout: 30000 })
  await card.locator('a').first().click()
  await page.waitForURL(`**/watch/${videoId}`)
  const video = page.locator('video')
  await video.waitFor()
  await page.evaluate(() => {
    const v = document.querySelector('video')
    v.muted = true
    return v.play()
  })
  assert.equal((await viewCounted).status(), 202, 'the view is counted after a few seconds of playback')
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const v = document.querySelector('video')
        v.addEventListener('seeked', resolve, { once: true })
        v.currentTime = 2
      }),
  )
  await page.waitForFunction(() => {
    const v = document.querySelector('video')
    return v.currentTime >= 2 && v.readyState >= 2
  })
  assert.ok(ranges.length > 0, 'the stream was served as byte ranges (206)')
  assert.ok(ranges.every((r) => /^bytes \d+-\d+\/\d+$/.test(r)))

  step('search for it in Chinese')
  await page.fill('[data-test=search-input]', SEARCH)
  await page.press('[data-test=search-input]', 'Enter')
  await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === SEARCH)
  await page.locator('[data-test=video-card]', { hasText: TITLE }).waitFor()

  step('another user subscribes')
  const fan = await newPage(browser, base)
  await register(fan, viewer)
  await fan.goto(`/watch/${videoId}`)
  await fan.click('[data-test=subscribe]')
  await fan.locator('[data-test=subscribe][aria-pressed=true]').waitFor()
  await fan.locator('[data-test=subscriber-count]', { hasText: '1' }).waitFor()

  step('an admin hides that user')
  await admin.goto('/admin/users')
  await admin.fill('[data-test=admin-q]', viewer.email)
  await admin.click('[data-test=admin-search]')
  const row = admin.locator(`[data-test="user-${viewer.email}"]`)
  await row.locator('[data-test=hide-user]').click()
  await row.locator('[data-test=hidden-state]', { hasText: '是' }).waitFor()
  step('the hidden user is signed out on the next call')
  await fan.reload()
  await fan.locator('header >> text=登入').first().waitFor()

  step('keyboard: the skip link and the search box are reachable, with a visible focus')
  await page.goto('/')
  await page.keyboard.press('Tab')
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#main')
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle)
  assert.notEqual(outline, 'none', 'focused control shows an outline')

  return { videoId, channelId: await page.evaluate(() => fetch('/api/v1/me', { headers: { Authorization: `Bearer ${JSON.parse(localStorage.getItem('fenz.tokens')).accessToken}` } }).then((r) => r.json()).then((m) => m.channelId)), creatorPage: page, adminPage: admin }
}

async function screenshots(browser, base, ids) {
  const pages = [
    { name: 'home', path: '/', who: 'creator', ready: '[data-test=video-card]' },
    { name: 'watch', path: `/watch/${ids.videoId}`, who: 'creator', ready: '[data-test=video-title]' },
    { name: 'search', path: `/search?q=${encodeURIComponent(SEARCH)}`, who: 'creator', ready: '[data-test=result-count]' },
    { name: 'channel', path: `/channel/${ids.channelId}`, who: 'creator', ready: '[data-test=channel-name]' },
    { name: 'upload', path: '/upload', who: 'creator', ready: '[data-test=save-video]' },
    { name: 'edit', path: `/studio/videos/${ids.videoId}`, who: 'creator', ready: '[data-test=publish-state]' },
    { name: 'studio', path: '/studio', who: 'creator', ready: 'h1' },
    { name: 'settings', path: '/settings', who: 'creator', ready: '[data-test=delete-account]' },
    { name: 'notifications', path: '/notifications', who: 'creator', ready: 'h1' },
    { name: 'admin-users', path: '/admin/users', who: 'admin', ready: '[data-test=hide-user]' },
    { name: 'admin-tags', path: '/admin/tags', who: 'admin', ready: 'table' },
    { name: 'login', path: '/login', who: null, ready: '[data-test=auth-submit]' },
  ]
  const tokens = {
    creator: await ids.creatorPage.evaluate(() => localStorage.getItem('fenz.tokens')),
    admin: await ids.adminPage.evaluate(() => localStorage.getItem('fenz.tokens')),
  }
  for (const locale of ['zh-TW', 'en']) {
    for (const width of [1280, 390]) {
      step(`screenshots and axe, ${locale} at ${width} px`)
      for (const p of pages) {
        const context = await browser.newContext({ baseURL: base, viewport: { width, height: 900 }, locale })
        context.setDefaultTimeout(TIMEOUT)
        await context.addInitScript(
          ([l, t]) => {
            localStorage.setItem('fenz.locale', l)
            if (t) localStorage.setItem('fenz.tokens', t)
          },
          [locale, p.who ? tokens[p.who] : null],
        )
        const page = await context.newPage()
        await page.goto(p.path)
        await page.locator(p.ready).first().waitFor()
        await page.evaluate(() => document.fonts.ready)
        if (width === 1280) await checkA11y(page, `${p.name} (${locale})`)
        await page.screenshot({ path: join(OUT, `${p.name}-${locale}-${width}.png`), fullPage: true })
        await context.close()
      }
    }
  }
}

main()
  .then(() => {
    clearTimeout(guard)
    console.log('e2e: passed')
  })
  .catch((e) => {
    console.error(e)
    process.exit(1)
  })
