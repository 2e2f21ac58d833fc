import { createI18n } from 'vue-i18n'
import zh from './zh-TW'
import en from './en'
import { storage } from '../api/http'

export const LOCALES = ['zh-TW', 'en'] as const
export type Locale = (typeof LOCALES)[number]
/** Each language in its own name (the switch shows them so). */
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-TW': '繁體中文', en: 'English' }

function initial(): Locale {
  const saved = storage.locale()
  return (LOCALES as readonly string[]).includes(saved) ? (saved as Locale) : 'zh-TW'
}

export const i18n = createI18n({
  legacy: false,
  locale: initial(),
  fallbackLocale: 'zh-TW',
  messages: { 'zh-TW': zh, en },
})

/** Switches the UI language, remembers it, and makes the API answer in it (Accept-Language). */
export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale
  storage.setLocale(locale)
  document.documentElement.lang = locale
}
