// End-to-end: `fenz dev` from the built jar + the built SPA, driven in Debian's Chromium.
// register -> pick tags -> upload a real clip -> publish -> feed -> play and seek -> search in
// Chinese -> subscribe -> a members-only video is locked -> join through the local payment
// simulator -> it plays -> tip with a message -> the creator sees the notifications and the
// dashboard figures -> an admin hides a user; axe on every main page; screenshots of each main
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
const MEMBERS_TITLE = `會員限定：霧峰夜景完整版 ${RUN}`
const TIP_MESSAGE = '加油！霧峰的夜景好美'
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

/** Uploads the clip and its thumbnail from the header's upload link, fills the form, saves, publishes; the video id. */
async function uploadAndPublish(page, media, fillForm) {
  await page.click('[data-test=upload-link]')
  await page.waitForURL('**/upload')
  await page.setInputFiles('[data-test=video-file]', media.video)
  await page.locator('[data-test=video-file-done]').waitFor()
  await page.setInputFiles('[data-test=thumb-file]', media.thumb)
  await page.locator('[data-test=thumb-file-done]').waitFor()
  await fillForm()
  await page.click('[data-test=save-video]')
  await page.waitForURL(/\/studio\/videos\/\d+$/)
  const id = page.url().match(/(\d+)$/)[1]
  await page.click('[data-test=publish-toggle]')
  await page.locator('[data-test=publish-state]', { hasText: '已發佈' }).waitFor()
  return id
}

/** Starts the player muted (autoplay rules), as a click on play would. */
function playMuted(page) {
  return page.evaluate(() => {
    const v = document.querySelector('video')
    v.muted = true
    return v.play()
  })
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

  step('upload a real clip with a thumbnail, and publish it')
  const videoId = await uploadAndPublish(page, media, async () => {
    await page.fill('[data-test=video-title-input]', TITLE)
    await page.fill('#v-desc', '台中霧峰的夜景，十二秒的測試影片。')
    await page.locator(`[data-test=tag-${TAG.slug}]`).click()
  })

  step('see it in the feed, with the why hint')
  // The feed draws a random subset of the picked tags (here the test tag, cats, or both): another
  // mix, from the refresh button, until the draw includes the test tag.
  await page.goto('/')
  const card = page.locator('[data-test=video-card]', { hasText: TITLE })
  for (let mix = 1; !(await card.isVisible()); mix++) {
    assert.ok(mix <= 30, 'the new video shows up in one of 30 mixes')
    await page.locator('[data-test=video-card]').first().waitFor()
    if (await card.isVisible()) break
    await Promise.all([page.waitForResponse((r) => r.url().includes('/videos/recommended')), page.click('[data-test=refresh-feed]')])
    await page.waitForTimeout(100) // the new mix renders after its answer
  }
  assert.match(await card.locator('[data-test=why]').innerText(), new RegExp(TAG.nameZh))

  step('play and seek (Range)')
  const ranges = []
  page.on('response', (r) => {
    if (r.url().includes('/stream') && r.status() === 206) ranges.push(r.headers()['content-range'])
  })
  const viewCounted = page.waitForResponse((r) => r.url().endsWith(`/videos/${videoId}/views`) && r.request().method() === 'POST', { timeout: 30000 })
  viewCounted.catch(() => undefined) // a failure before it is awaited is the one to report
  await card.locator('a').first().click()
  await page.waitForURL(`**/watch/${videoId}`)
  const video = page.locator('video')
  await video.waitFor()
  await playMuted(page)
  const creatorView = await viewCounted
  assert.equal(creatorView.status(), 202, 'the view is counted after a few seconds of playback')
  const creatorViewCounted = (await creatorView.json()).counted
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

  const membersVideoId = await payments(page, fan, browser, base, media, creatorViewCounted)

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

  return { videoId, membersVideoId, channelId: await page.evaluate(() => fetch('/api/v1/me', { headers: { Authorization: `Bearer ${JSON.parse(localStorage.getItem('fenz.tokens')).accessToken}` } }).then((r) => r.json()).then((m) => m.channelId)), creatorPage: page, adminPage: admin }
}

/** Opens the local simulator's checkout that `click` opens in a new tab, and pays there. */
async function payInSimulator(viewer, click) {
  const opened = viewer.context().waitForEvent('page')
  await click()
  const checkout = await opened
  await checkout.waitForLoadState()
  await checkout.locator('text=LOCAL PAYMENT SIMULATOR').waitFor()
  // The page only says "waiting": the browser's side of the checkout proves nothing until the webhook lands.
  await viewer.locator('[data-test=payment-status]', { hasText: '等待付款確認' }).waitFor()
  return checkout
}

/** Reloads `path` until `ready` is true: figures the server applies in batches (the view flush) arrive late. */
async function reloadUntil(page, path, ready, what) {
  const end = Date.now() + 3 * TIMEOUT
  for (;;) {
    await page.goto(path)
    if (await ready().catch(() => false)) return
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await page.waitForTimeout(2000)
  }
}

/**
 * The creator offers a membership and publishes a members-only video; the viewer sees it locked,
 * joins through the simulator, watches it, tips with a message; the creator sees the notifications
 * (live badge, after a fresh sign-in, the page) and the dashboard figures.
 */
async function payments(page, fan, browser, base, media, creatorViewCounted) {
  step('the creator sets a monthly membership price in the studio')
  await page.goto('/studio')
  await page.fill('[data-test=price-input]', '150')
  await page.click('[data-test=save-price]')
  await page.locator('.el-message--success').waitFor()

  step('the creator publishes a members-only video')
  const membersVideoId = await uploadAndPublish(page, media, async () => {
    await page.fill('[data-test=video-title-input]', MEMBERS_TITLE)
    await page.selectOption('[data-test=video-tier]', '2')
  })

  step('before joining, the viewer sees the members-only video locked, with the way in')
  await fan.goto(`/watch/${membersVideoId}`)
  await fan.locator('[data-test=locked]', { hasText: '這部影片只限頻道會員觀看' }).waitFor()
  assert.match(await fan.locator('[data-test=lock-cta]').innerText(), /加入頻道會員即可觀看/)
  assert.equal(await fan.locator('[data-test=player]').count(), 0, 'no player before joining')
  assert.match(await fan.locator('[data-test=join]').innerText(), /加入會員 \$150\.00/)
  await fan.evaluate(() => document.fonts.ready)
  await fan.screenshot({ path: join(OUT, 'watch-locked-zh-TW-1280.png'), fullPage: true })

  step('the viewer joins through the local payment simulator')
  const checkout = await payInSimulator(fan, () => fan.click('[data-test=join]'))
  assert.equal(await fan.locator('[data-test=locked]').count(), 1, 'still locked until the webhook says otherwise')
  await fan.screenshot({ path: join(OUT, 'watch-waiting-zh-TW-1280.png'), fullPage: true })
  await checkout.click('text=Pay (simulated)')
  await fan.locator('[data-test=payment-status]', { hasText: '付款完成' }).waitFor({ timeout: 3 * TIMEOUT })
  await checkout.close()

  step('the member watches the members-only video (a member view)')
  const memberView = fan.waitForResponse((r) => r.url().endsWith(`/videos/${membersVideoId}/views`) && r.request().method() === 'POST', { timeout: 2 * TIMEOUT })
  memberView.catch(() => undefined) // a failure before it is awaited is the one to report
  await fan.locator('video[data-test=player]').waitFor()
  assert.equal(await fan.locator('[data-test=locked]').count(), 0)
  await fan.locator('[data-test=member-badge]').waitFor()
  assert.equal(await fan.locator('[data-test=join]').count(), 0, 'a member is not offered to join again')
  await playMuted(fan)
  const viewAnswer = await memberView
  assert.equal(viewAnswer.status(), 202)
  assert.equal((await viewAnswer.json()).counted, true, 'the member view is counted')

  step('the member tips with a message (抖內) through the simulator')
  await fan.click('[data-test=tip]')
  await fan.fill('[data-test=tip-amount]', '100')
  await fan.fill('[data-test=tip-message]', TIP_MESSAGE)
  const tipCheckout = await payInSimulator(fan, () => fan.click('[data-test=tip-send]'))
  assert.match(await tipCheckout.locator('body').innerText(), /10000/, 'the simulator charges the amount in minor units')
  await tipCheckout.click('text=Pay (simulated)')
  await fan.locator('[data-test=payment-status]', { hasText: '付款完成' }).waitFor({ timeout: 3 * TIMEOUT })
  await tipCheckout.close()

  step('the creator\'s bell counts the subscriber, the member and the tip, live')
  await page.locator('[data-test=bell]', { hasText: '3 則未讀' }).waitFor({ timeout: 3 * TIMEOUT })

  step('the creator signs in afresh and reads the notifications')
  const studio = await newPage(browser, base)
  await login(studio, creator)
  await studio.locator('[data-test=bell]', { hasText: '3 則未讀' }).waitFor()
  assert.equal((await studio.locator('[data-test=bell] .el-badge__content').innerText()).trim(), '3')
  await studio.click('[data-test=bell]')
  await studio.waitForURL('**/notifications')
  const rows = studio.locator('[data-test=notification]')
  await rows.first().waitFor()
  const texts = await rows.allInnerTexts()
  assert.equal(texts.length, 3, texts.join(' | '))
  // Each names who did it (the viewer's display name), read when the list is shown.
  assert.match(texts[0], new RegExp(`${viewer.name} 在「${MEMBERS_TITLE}」送你一筆 \\$100\\.00 的抖內`))
  assert.match(texts[1], new RegExp(`${viewer.name} 加入成為你的頻道會員`))
  assert.match(texts[2], new RegExp(`${viewer.name} 訂閱了你的頻道`))

  step('the creator\'s dashboard shows the member, the tip and the member view')
  const total = (key) => studio.locator(`[data-test=total-${key}]`).innerText()
  await reloadUntil(studio, '/studio', async () => (await total('viewsMember')) === '1', 'the member view on the dashboard')
  assert.equal(await total('activeMembers'), '1')
  assert.equal(await total('newMembers'), '1')
  assert.equal(await total('newSubscribers'), '1')
  assert.equal(await total('viewsNonMember'), creatorViewCounted ? '1' : '0')
  assert.equal(await total('donations'), '$100.00')
  const row = studio.locator(`[data-test=studio-video-${membersVideoId}]`)
  assert.deepEqual((await row.locator('td').allInnerTexts()).slice(0, 6), [MEMBERS_TITLE, '已發佈', '會員', '1', '0', '$100.00'])
  assert.equal(await studio.locator('[data-test=tip-message]').innerText(), `「${TIP_MESSAGE}」`)
  await studio.locator('[data-test=chart-views] svg').waitFor()
  await studio.context().close()
  return membersVideoId
}

async function screenshots(browser, base, ids) {
  const pages = [
    { name: 'home', path: '/', who: 'creator', ready: '[data-test=video-card]' },
    { name: 'watch', path: `/watch/${ids.videoId}`, who: 'creator', ready: '[data-test=video-title]' },
    { name: 'search', path: `/search?q=${encodeURIComponent(SEARCH)}`, who: 'creator', ready: '[data-test=result-count]' },
    { name: 'channel', path: `/channel/${ids.channelId}`, who: 'creator', ready: '[data-test=channel-name]' },
    { name: 'upload', path: '/upload', who: 'creator', ready: '[data-test=save-video]' },
    { name: 'edit', path: `/studio/videos/${ids.videoId}`, who: 'creator', ready: '[data-test=publish-state]' },
    { name: 'watch-members', path: `/watch/${ids.membersVideoId}`, who: 'creator', ready: '[data-test=player]' },
    { name: 'watch-locked-guest', path: `/watch/${ids.membersVideoId}`, who: null, ready: '[data-test=locked]' },
    { name: 'studio', path: '/studio', who: 'creator', ready: '[data-test=chart-donations] svg' },
    { name: 'settings', path: '/settings', who: 'creator', ready: '[data-test=delete-account]' },
    { name: 'notifications', path: '/notifications', who: 'creator', ready: '[data-test=notification]' },
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
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
        assert.ok(scrollWidth <= width, `${p.name} (${locale}) is ${scrollWidth} px wide in a ${width} px window`)
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
