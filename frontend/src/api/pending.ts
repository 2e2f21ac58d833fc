// Routes of the contract (API.md) that the served OpenAPI document does not list yet: the
// notifications and monetization APIs. Hand-typed here from the contract; once the server
// documents them, `npm run api:generate` brings their generated types and these can go.
import { request } from './http'

export interface Page<T> {
  items: T[]
  page: number
  pageSize: number
  total: number
}

export interface Notification {
  id: number
  kind: string
  videoId?: number | null
  videoTitle?: string | null
  channelName?: string | null
  read: boolean
  createdAt: string
}

export interface Checkout {
  transactionId: string
  checkoutUrl: string
  clientToken?: string | null
}

export interface Membership {
  channelId: number
  channelName?: string
  status: string
  currentPeriodEnd?: string | null
  cancelAt?: string | null
}

export interface Donation {
  id: number
  videoId?: number | null
  amount: number
  currency: string
  message?: string | null
  status: 'pending' | 'paid' | 'failed' | 'refunded'
  transactionId?: string
  createdAt: string
}

export interface DashboardVideo {
  id: number
  title: string
  published: boolean
  accessTier: number
  viewsMember: number
  viewsNonMember: number
  donations?: number
  donationsTotal?: number
}

export interface DayPoint {
  date: string
  viewsMember?: number
  viewsNonMember?: number
  subscribers?: number
  members?: number
  donations?: number
}

export interface Analytics {
  totals: Record<string, number>
  days: DayPoint[]
}

export const pending = {
  notifications: (page = 1) => request<Page<Notification>>('GET', '/api/v1/notifications', { query: { page } }),
  unreadCount: () => request<{ count: number }>('GET', '/api/v1/notifications/unread-count'),
  markRead: (id: number) => request<void>('POST', `/api/v1/notifications/${id}/read`),
  markAllRead: () => request<void>('POST', '/api/v1/notifications/read-all'),
  streamToken: () => request<{ token: string; expiresAt: string }>('POST', '/api/v1/notifications/stream-token'),
  startMembership: (channelId: number) => request<Checkout>('POST', `/api/v1/channels/${channelId}/membership`),
  cancelMembership: (channelId: number) => request<void>('DELETE', `/api/v1/channels/${channelId}/membership`),
  myMemberships: () => request<Page<Membership>>('GET', '/api/v1/me/memberships'),
  donate: (videoId: number, body: { amount: number; currency: string; message?: string }) =>
    request<Checkout>('POST', `/api/v1/videos/${videoId}/donations`, { body }),
  donationsSent: () => request<Page<Donation>>('GET', '/api/v1/me/donations/sent'),
  dashboardVideos: (page = 1) => request<Page<DashboardVideo>>('GET', '/api/v1/dashboard/videos', { query: { page } }),
  analytics: () => request<Analytics>('GET', '/api/v1/dashboard/analytics'),
  setMembershipPrice: (body: { price: number; currency: string }) =>
    request<unknown>('PUT', '/api/v1/dashboard/membership-settings', { body }),
}
