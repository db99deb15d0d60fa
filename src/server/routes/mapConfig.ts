/**
 * GET /api/v1/map-config: the base maps and geocoder this server was started with (src/server/mapConfig.ts). Open to
 * anyone who opens the app (a phone needs a map before it has a production or a session); it names public services
 * only. The app keeps the last answer for offline starts.
 */
import type { FastifyInstance } from 'fastify'
import type { MapConfig } from '../../core/model/mapConfig'

export const MAP_CONFIG_PATH = '/api/v1/map-config'

export function registerMapConfigRoute(app: FastifyInstance, config: MapConfig): void {
  app.get(MAP_CONFIG_PATH, async () => config)
}
