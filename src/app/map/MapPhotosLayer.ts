/**
 * Where a décor's photos were taken: a dot per photo and, when the photo knows its compass heading, a small cone the
 * way the camera pointed. A photo far from its décor is drawn in amber with a dashed outline (photoPlaces.ts says
 * which). Sized in pixels, so the cones read the same at every zoom.
 */
import L from 'leaflet'
import { defineComponent, onBeforeUnmount, watch, type PropType } from 'vue'
import { injectMap } from './mapContext'
import { textElement } from './mapText'

export interface MapPhoto {
  id: string
  lat: number
  lng: number
  heading: number | null
  far: boolean
  /** Its tooltip: what the photo is and how far from the décor. */
  label: string
}

const SIZE = 56

function photoIcon(photo: MapPhoto): L.DivIcon {
  const colour = photo.far ? '#d08300' : '#1d3557'
  const cone = photo.heading === null ? '' :
    `<path d="M28 28 L17 4 A25 25 0 0 1 39 4 Z" fill="${colour}" fill-opacity="0.35" stroke="${colour}" stroke-width="1.5"` +
    `${photo.far ? ' stroke-dasharray="3 2"' : ''} transform="rotate(${photo.heading} 28 28)"/>`
  return L.divIcon({
    className: `map-photo${photo.far ? ' map-photo-far' : ''}`,
    html: `<svg width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" aria-hidden="true">${cone}` +
      `<circle cx="28" cy="28" r="6" fill="#fff" stroke="${colour}" stroke-width="3"/></svg>`,
    iconSize: [SIZE, SIZE],
    iconAnchor: [SIZE / 2, SIZE / 2],
  })
}

export default defineComponent({
  name: 'MapPhotosLayer',
  props: { photos: { type: Array as PropType<MapPhoto[]>, required: true } },
  setup(props) {
    const map = injectMap()
    const layer = L.layerGroup().addTo(map.value!)
    watch(() => props.photos, (photos) => {
      layer.clearLayers()
      for (const photo of photos) {
        const marker = L.marker([photo.lat, photo.lng], { icon: photoIcon(photo), keyboard: false, title: photo.label, alt: photo.label })
        marker.bindTooltip(textElement(photo.label), { direction: 'top', offset: [0, -10] })
        marker.addTo(layer)
        marker.getElement()?.setAttribute('data-photo', photo.id)
      }
      map.value?.getContainer().setAttribute('data-photos', String(photos.length))
    }, { immediate: true })
    onBeforeUnmount(() => layer.remove())
    return () => null
  },
})
