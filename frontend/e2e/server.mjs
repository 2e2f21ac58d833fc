// Starts `fenz dev` from the built jar on a free port in a throwaway data dir, serving the built SPA.
import { spawn, execFileSync } from 'node:child_process'
import { createServer } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(new URL('../..', import.meta.url).pathname)

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => res(port))
    })
  })
}

function javaBin() {
  const home = process.env.JAVA_HOME || execFileSync(join(root, 'scripts/java-home.sh'), { encoding: 'utf8' }).trim()
  if (!home) throw new Error('no JDK >= 21 found (set JAVA_HOME)')
  return join(home, 'bin/java')
}

/** Polls until `check` is true or the deadline passes; a condition, not a fixed sleep. */
export async function until(check, { timeout = 120000, every = 250, what = 'condition' } = {}) {
  const end = Date.now() + timeout
  while (Date.now() < end) {
    if (await check().catch(() => false)) return
    await new Promise((r) => setTimeout(r, every))
  }
  throw new Error(`timed out waiting for ${what}`)
}

export async function startServer() {
  const jar = process.env.FENZ_JAR ?? join(root, 'fenz-cli/target/fenz.jar')
  const dist = join(root, 'frontend/dist')
  if (!existsSync(jar)) throw new Error(`${jar} is missing: build it first (mvn -DskipTests package -pl fenz-cli -am)`)
  if (!existsSync(join(dist, 'index.html'))) throw new Error('frontend/dist is missing: run `npm run build` first')
  const dataDir = await mkdtemp(join(tmpdir(), 'fenz-e2e-'))
  const port = await freePort()
  // Only what this run needs: embedded services, never a developer's FENZ_DB_URL/REDIS/S3.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FENZ_')))
  Object.assign(env, { FENZ_HTTP_PORT: String(port), FENZ_HTTP_HOST: '127.0.0.1', FENZ_DATA_DIR: dataDir, FENZ_PUBLIC_DIR: dist, FENZ_LOG_LEVEL: 'WARN' })
  const child = spawn(javaBin(), ['-Xmx768m', '-jar', jar, 'dev'], { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let log = ''
  child.stdout.on('data', (d) => (log += d))
  child.stderr.on('data', (d) => (log += d))
  let exited = false
  child.on('exit', () => (exited = true))
  const base = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
      await until(async () => exited, { timeout: 20000, what: 'fenz dev to stop' }).catch(() => process.kill(-child.pid, 'SIGKILL'))
    }
    await rm(dataDir, { recursive: true, force: true })
  }
  try {
    await until(async () => exited || (await fetch(`${base}/readyz`)).ok, { timeout: 180000, what: 'fenz dev /readyz' })
    if (exited) throw new Error('fenz dev exited')
  } catch (e) {
    await stop()
    throw new Error(`${e.message}\n${log.slice(-4000)}`)
  }
  return { base, stop, log: () => log }
}
