import { describe, expect, it } from 'vitest'
import { fromLocalMetres, type LatLng } from '../../../../core/rules/footprint'
import type { PlanVehicleInput } from './planDrawing'
import { buildPlanViews } from './planPanels'

const ORIGIN: LatLng = [48.8795, 2.3405]
const at = (east: number, north: number) => fromLocalMetres(ORIGIN, { east, north })

function truck(number: number, east: number, north: number): PlanVehicleInput {
  const [lat, lng] = at(east, north)
  return { number, placementId: `p${number}`, kind: 'gripTruck', onStreet: true, footprint: { lat, lng, heading: 90, lengthM: 10, widthM: 2.55 } }
}

describe('buildPlanViews', () => {
  it('keeps a compact plan in one view', () => {
    const views = buildPlanViews({ vehicles: [truck(1, 0, 0), truck(2, 12, 0), truck(3, 40, 5)] })
    expect(views).toHaveLength(1)
    expect(views[0]!.denominator).toBe(500)
    expect(views[0]!.paper).toEqual({ widthMm: 184, heightMm: 150 })
  })

  it('draws a base camp far from the set in its own view, each at its own scale, the set first', () => {
    const baseCamp = { label: 'Boulevard de Rochechouart', onStreet: true, points: [at(100, 330), at(200, 330), at(200, 360), at(100, 360)] }
    const views = buildPlanViews({ vehicles: [truck(1, 0, 0), truck(2, 12, 0), truck(3, 150, 345), truck(4, 25, 0)], baseCamp })
    expect(views).toHaveLength(2)
    expect(views[0]!.vehicles.map((vehicle) => vehicle.number).sort()).toEqual([1, 2, 4])
    expect(views[0]!.denominator).toBe(500)
    expect(views[1]!.baseCamp?.label).toBe('Boulevard de Rochechouart')
    expect(views[1]!.vehicles.map((vehicle) => vehicle.number)).toEqual([3])
    expect(views[1]!.denominator).toBe(1000)
  })

  it('puts the view with the décor first, even when the base camp holds more vehicles', () => {
    const [lat, lng] = at(0, 5)
    const views = buildPlanViews({
      vehicles: [truck(1, 0, 0), truck(2, 150, 345), truck(3, 170, 345), truck(4, 190, 345)],
      landmarks: [{ label: 'Appartement de Jeanne', lat, lng }],
    })
    expect(views.map((view) => view.vehicles.length)).toEqual([1, 3])
    expect(views[0]!.landmarks.map((landmark) => landmark.label)).toEqual(['Appartement de Jeanne'])
  })

  it('keeps a vehicle with the kerb it stands along, even far from the kerb\'s ends', () => {
    const kerb = { id: 'k', street: 'Avenue Trudaine', side: 'even' as const, startNumber: null, endNumber: null, points: [at(-150, 0), at(150, 0)] }
    const views = buildPlanViews({ vehicles: [truck(1, 0, 2)], kerbs: [kerb] })
    expect(views).toHaveLength(1)
    expect(views[0]!.kerbs).toHaveLength(1)
  })

  it('never makes more than three views: the closest groups share one', () => {
    const views = buildPlanViews({ vehicles: [truck(1, 0, 0), truck(2, 300, 0), truck(3, 600, 0), truck(4, 1200, 0)] })
    expect(views).toHaveLength(3)
    expect(views.map((view) => view.vehicles.length).sort()).toEqual([1, 1, 2])
    expect(views[1]!.paper).toEqual({ widthMm: 90, heightMm: 72 })
  })

  it('has nothing to draw when nothing has a position', () => {
    expect(buildPlanViews({ vehicles: [{ number: 1, placementId: 'p1', kind: 'van', onStreet: true, footprint: null }] })).toEqual([])
  })
})
