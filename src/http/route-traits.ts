/**
 * What a shared hook does to the routes that use it, recorded on the hook itself (or declared in a
 * route's `config.traits` when its handler does it), so the OpenAPI document can say it for every
 * such route (src/http/openapi-document.ts) without each route repeating it:
 * - `conditional-get`: If-None-Match, ETag, Cache-Control, 304;
 * - `read-your-writes`: X-Consistency-Token, X-Consistency;
 * - `cached-answer`: X-Cache (hit | miss) and Cache-Control;
 * - `creates-resource`: Location and X-Consistency-Token on the 2xx.
 */
export type RouteTrait = 'conditional-get' | 'read-your-writes' | 'cached-answer' | 'creates-resource'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Traits of a route that implements them in its handler rather than through a shared hook. */
    traits?: readonly RouteTrait[]
  }
}

const traits = new WeakMap<object, RouteTrait>()

/** Returns the hook, marked with what it does. */
export function withTrait<Hook extends object>(hook: Hook, trait: RouteTrait): Hook {
  traits.set(hook, trait)
  return hook
}

type Hooks = unknown
type RouteHooks = {
  onRequest?: Hooks
  preValidation?: Hooks
  preHandler?: Hooks
  config?: { traits?: readonly RouteTrait[] }
}

/** The traits of the hooks a route runs, and those its config declares. */
export function routeTraits(route: RouteHooks): RouteTrait[] {
  const found = new Set<RouteTrait>(route.config?.traits ?? [])
  for (const hooks of [route.onRequest, route.preValidation, route.preHandler]) {
    for (const hook of [hooks ?? []].flat()) {
      const trait = typeof hook === 'function' ? traits.get(hook) : undefined
      if (trait) found.add(trait)
    }
  }
  return [...found].sort()
}
