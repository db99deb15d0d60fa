/** A size as people read it: "340 ko", "4,2 Mo" (French), "4.2 MB" (English). */
export function formatBytes(bytes: number, locale: string): string {
  const [unit, value] = bytes >= 1_000_000 ? ['megabyte', bytes / 1_000_000] : ['kilobyte', Math.max(bytes, bytes ? 1000 : 0) / 1000]
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: unit === 'megabyte' ? 1 : 0 }).format(value)
}
