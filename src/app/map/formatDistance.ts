/** A distance as people read it: "45 m", "1,2 km" (French), "1.2 km" (English). */
export function formatDistance(metres: number, locale: string): string {
  return metres < 1000
    ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(metres)
    : new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 }).format(metres / 1000)
}
