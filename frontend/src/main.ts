import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { useSession } from './stores/session'

document.documentElement.lang = i18n.global.locale.value
const pinia = createPinia()

// Registered before the router starts, so a deep link or a reload passes through it too:
// pages that need an account (or an admin) send guests to /login and back afterwards.
router.beforeEach(async (to) => {
  const session = useSession(pinia)
  if (!session.ready) await session.restore()
  if (to.meta.auth && !session.signedIn) return { name: 'login', query: { next: to.fullPath } }
  if (to.meta.admin && !session.isAdmin) return { name: 'home' }
  return true
})

createApp(App).use(pinia).use(router).use(i18n).mount('#app')
