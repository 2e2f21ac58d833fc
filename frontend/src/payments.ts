// Payments: open Paddle.js when the API hands out a client token, else the local simulator's
// checkout page; then wait for the webhook-driven state, never trusting the browser's result.
import type { Schemas } from './api/typed'

/** A checkout answer; `clientToken` (Paddle.js) when the server hands one out. */
export type Checkout = Schemas['CheckoutResponse']

interface PaddleGlobal {
  Initialize(options: { token: string }): void
  Checkout: { open(options: { transactionId: string }): void }
}

declare global {
  interface Window {
    Paddle?: PaddleGlobal
  }
}

function loadPaddle(): Promise<PaddleGlobal> {
  if (window.Paddle) return Promise.resolve(window.Paddle)
  return new Promise((resolve, reject) => {
    const script = document.createElement('script')
    script.src = 'https://cdn.paddle.com/paddle/v2/paddle.js'
    script.onload = () => (window.Paddle ? resolve(window.Paddle) : reject(new Error('Paddle.js did not load')))
    script.onerror = () => reject(new Error('Paddle.js did not load'))
    document.head.appendChild(script)
  })
}

export async function openCheckout(checkout: Checkout, open: (url: string) => void = (url) => window.open(url, '_blank', 'noopener')) {
  if (checkout.clientToken) {
    const paddle = await loadPaddle()
    paddle.Initialize({ token: checkout.clientToken })
    paddle.Checkout.open({ transactionId: checkout.transactionId })
  } else {
    open(checkout.checkoutUrl)
  }
}

/** Polls `check` until it answers a value (the server saw the webhook) or the time is up (null). */
export async function waitFor<T>(check: () => Promise<T | null>, { every = 2000, timeout = 180000 } = {}): Promise<T | null> {
  const end = Date.now() + timeout
  while (Date.now() < end) {
    const value = await check().catch(() => null)
    if (value !== null) return value
    await new Promise((r) => setTimeout(r, every))
  }
  return null
}
