import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import HomePage from './pages/HomePage.vue'

// Every page but the home feed is its own chunk: the first visit loads only what it shows.
const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomePage },
  { path: '/watch/:id(\\d+)', name: 'watch', component: () => import('./pages/WatchPage.vue'), props: true },
  { path: '/search', name: 'search', component: () => import('./pages/SearchPage.vue') },
  { path: '/channel/:id(\\d+)', name: 'channel', component: () => import('./pages/ChannelPage.vue'), props: true },
  { path: '/login', name: 'login', component: () => import('./pages/AuthPage.vue'), props: { mode: 'login' } },
  { path: '/register', name: 'register', component: () => import('./pages/AuthPage.vue'), props: { mode: 'register' } },
  { path: '/upload', name: 'upload', component: () => import('./pages/VideoEditPage.vue'), meta: { auth: true } },
  { path: '/studio', name: 'studio', component: () => import('./pages/StudioPage.vue'), meta: { auth: true } },
  { path: '/studio/videos/:id(\\d+)', name: 'edit', component: () => import('./pages/VideoEditPage.vue'), props: true, meta: { auth: true } },
  { path: '/settings', name: 'settings', component: () => import('./pages/SettingsPage.vue'), meta: { auth: true } },
  { path: '/notifications', name: 'notifications', component: () => import('./pages/NotificationsPage.vue'), meta: { auth: true } },
  { path: '/admin/users', name: 'admin-users', component: () => import('./pages/AdminUsersPage.vue'), meta: { auth: true, admin: true } },
  { path: '/admin/tags', name: 'admin-tags', component: () => import('./pages/AdminTagsPage.vue'), meta: { auth: true, admin: true } },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})
