import { normalizeIP } from '@fastify/rate-limit'

/** The key of anonymous limits for a client IP (IPv6 by /64), as @fastify/rate-limit computes it. */
export function clientIpKeyOf(ip: string): string {
  // IPv4 as Node gives it is already normal; only IPv6 needs normalizeIP's parse.
  return ip.includes(':') ? `ip:${normalizeIP(ip)}` : `ip:${ip}`
}
