/**
 * A readable name for this device ("iPhone · Safari"), sent when it joins or shares a production, so the
 * team's device list tells one phone from another and the owner knows which one to sign out.
 */
const SYSTEMS: [RegExp, string][] = [
  [/iPhone/, 'iPhone'], [/iPad/, 'iPad'], [/Android/, 'Android'], [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'], [/Macintosh|Mac OS X/, 'Mac'], [/Linux/, 'Linux'],
]
// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'], [/OPR\//, 'Opera'], [/SamsungBrowser/, 'Samsung Internet'], [/Firefox|FxiOS/, 'Firefox'],
  [/Chromium/, 'Chromium'], [/Chrome|CriOS/, 'Chrome'], [/Safari/, 'Safari'],
]

export function deviceLabel(userAgent: string): string | undefined {
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1]
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1]
  const label = [system, browser].filter(Boolean).join(' · ')
  return label || undefined
}
