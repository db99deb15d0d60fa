/**
 * The controls every map carries, with French (or English) titles: a metric scale bar, the zoom buttons, "Recentrer"
 * back to what the map is about (the décor, the day's plan), and the popups' close button labelled in the app's language.
 */
import L from 'leaflet'

export interface MapControlTexts {
  zoomIn: string
  zoomOut: string
  recentre: string
  closePopup: string
}

const RECENTRE_ICON =
  '<svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" aria-hidden="true">' +
  '<circle cx="12" cy="12" r="6"/><circle cx="12" cy="12" r="1.6" fill="currentColor"/><path d="M12 2v4M12 18v4M2 12h4M18 12h4"/></svg>'

export function addMapControls(map: L.Map, texts: MapControlTexts, options: { zoom: boolean; recentre: () => void }): void {
  L.control.scale({ imperial: false, position: 'bottomleft', maxWidth: 120 }).addTo(map)
  if (options.zoom) L.control.zoom({ position: 'topleft', zoomInTitle: texts.zoomIn, zoomOutTitle: texts.zoomOut }).addTo(map)
  const Recentre = L.Control.extend({
    onAdd() {
      const bar = L.DomUtil.create('div', 'leaflet-bar map-recentre')
      const button = L.DomUtil.create('button', '', bar)
      button.type = 'button'
      button.title = texts.recentre
      button.setAttribute('aria-label', texts.recentre)
      button.dataset.testid = 'map-recentre'
      button.innerHTML = RECENTRE_ICON
      L.DomEvent.disableClickPropagation(bar)
      L.DomEvent.on(button, 'click', () => options.recentre())
      return bar
    },
  })
  new Recentre({ position: 'topleft' }).addTo(map)
  map.on('popupopen', (event: L.PopupEvent) => {
    event.popup.getElement()?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', texts.closePopup)
  })
}

export type TileTrouble = 'failing' | 'offline' | null

/**
 * Watches a tile layer: once a round of tiles has settled, `report` hears whether some could not be had (after their
 * retries), and why as far as the browser knows (no network, or a server that fails). A blank map is never silent.
 */
export function watchTileHealth(layer: L.TileLayer, report: (trouble: TileTrouble) => void): void {
  let failed = 0
  layer.on('loading', () => (failed = 0))
  layer.on('tileerror', () => failed++)
  layer.on('load', () => report(failed === 0 ? null : navigator.onLine === false ? 'offline' : 'failing'))
}
