import { expect, test, type Page } from '@playwright/test'
import { addRecord, createProduction, fillForm, openControlledApp, printToPdf } from './helpers'

const SHOTS = 'test-results/screenshots'

/** A date `days` ahead (yyyy-mm-dd), far enough for a Paris permit (15 working days). */
function futureDate(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

/** 47 rue des Martyrs (Paris 9e), and the street's axis: it climbs towards Montmartre, 8° west of north. */
const DECOR = { lat: 48.87935, lng: 2.33985 }
const AXIS = (352 * Math.PI) / 180

/** A point `along` metres up the street from the décor and `across` metres east of its centre line. */
function onStreet(along: number, across: number) {
  const north = Math.cos(AXIS) * along - Math.sin(AXIS) * across
  const east = Math.sin(AXIS) * along + Math.cos(AXIS) * across
  const round = (value: number) => Math.round(value * 1e6) / 1e6
  return { lat: round(DECOR.lat + north / 111_320), lng: round(DECOR.lng + east / (111_320 * Math.cos((DECOR.lat * Math.PI) / 180))) }
}
const point = (along: number, across: number): [number, number] => {
  const { lat, lng } = onStreet(along, across)
  return [lat, lng]
}

/**
 * The plan screen draws a day's kerbs and base camp on the map; this test types its vehicles through the forms and
 * stores the kerbs and base camp as the plan screen does (fields of the shoot day), straight in the phone's database.
 */
async function drawKerbsAndBaseCamp(page: Page, dayId: string) {
  const kerbs = [
    { id: 'kerb-odd', street: 'Rue des Martyrs', side: 'odd', startNumber: 41, endNumber: 61, points: [point(-20, -5), point(35, -5)] },
    { id: 'kerb-even', street: 'Rue des Martyrs', side: 'even', startNumber: 40, endNumber: 60, points: [point(-20, 5), point(35, 5)] },
  ]
  const baseCamp = { label: 'Cour de l\'école Turgot', onStreet: false, points: [point(20, 18), point(20, 40), point(34, 40), point(34, 18)] }
  await page.evaluate(async ({ dayId, kerbs, baseCamp }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('regie')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const tx = db.transaction('shootDay', 'readwrite')
    const store = tx.objectStore('shootDay')
    // Records are keyed by [productionId+id]: the day is found by its id among them.
    const day = await new Promise<Record<string, unknown>>((resolve) => {
      const request = store.getAll()
      request.onsuccess = () => resolve((request.result as Record<string, unknown>[]).find((row) => row.id === dayId)!)
    })
    store.put({ ...day, kerbs, baseCamp })
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve
      tx.onerror = () => reject(tx.error)
    })
    db.close()
  }, { dayId, kerbs, baseCamp })
}

async function addPlacement(page: Page, pid: string, day: string, vehicle: string, values: Record<string, string | boolean | { option: string }>) {
  await page.goto(`/p/${pid}/placements/new`)
  await expect(page.getByTestId('record-form')).toBeVisible()
  await page.locator('[name="shootDayId"]').selectOption({ label: day })
  await page.locator('[name="vehicleId"]').selectOption({ label: vehicle })
  await page.locator('[name="locationId"]').selectOption({ index: 1 })
  await fillForm(page, values)
  await page.getByTestId('save').click()
  await expect(page.getByTestId('record-detail')).toBeVisible()
}

test('offline: a Paris day\'s vehicle plan and residents\' notice print; two permit requests, one granted, print with their plan', async ({ page, context }) => {
  test.setTimeout(180_000)
  page.on('dialog', (dialog) => dialog.accept())
  await openControlledApp(page)
  const pid = await createProduction(page, 'Les Martyrs')
  await context.setOffline(true)

  // The production: its company and the régie's contact, printed on the residents' notice.
  await page.goto(`/p/${pid}/edit`)
  await fillForm(page, { company: 'Films du Faubourg', regieContact: 'Inès Garnier (régisseuse générale)', regiePhone: '06 39 98 00 42', city: 'Paris' })
  await page.getByTestId('save').click()
  await expect(page.getByTestId('production-title')).toHaveText('Les Martyrs')

  // A décor in the 9e, two consecutive shoot days there.
  await addRecord(page, pid, 'locations', {
    name: 'Appartement de Jeanne', intExt: { option: 'INT' }, status: { option: 'confirmed' }, address: '47 rue des Martyrs', city: 'Paris',
    postcode: '75009', lat: String(DECOR.lat), lng: String(DECOR.lng),
  })
  const date = futureDate(35)
  const nextDate = futureDate(36)
  await page.goto(`/p/${pid}/days/new`)
  await fillForm(page, { number: '3', date, callTime: '08:00', wrapTime: '19:00' })
  await page.getByRole('checkbox', { name: 'Appartement de Jeanne' }).check()
  await page.getByTestId('save').click()
  await expect(page.getByTestId('record-detail')).toBeVisible()
  const dayId = page.url().split('/days/')[1]!.split(/[/?]/)[0]!
  await page.goto(`/p/${pid}/days/new`)
  await fillForm(page, { number: '4', date: nextDate, callTime: '09:00', wrapTime: '18:00' })
  await page.getByRole('checkbox', { name: 'Appartement de Jeanne' }).check()
  await page.getByTestId('save').click()
  await expect(page.getByTestId('record-detail')).toBeVisible()
  const nextDayId = page.url().split('/days/')[1]!.split(/[/?]/)[0]!

  // The fleet.
  const vehicles: Array<Record<string, string>> = [
    { name: 'Fourgon caméra', kind: 'van', lengthM: '6,5', widthM: '2,2', plate: 'GH-418-KR', driver: 'Yannick Le Goff', phone: '06 39 98 21 01' },
    { name: 'Porteur électro 19 t', kind: 'electricTruck', lengthM: '10', widthM: '2,55', plate: 'EZ-563-PB', driver: 'Didier Caron', phone: '06 39 98 21 03' },
    { name: 'Porteur machino 19 t', kind: 'gripTruck', lengthM: '10', widthM: '2,55', plate: 'FK-902-TN', driver: 'Moussa Traoré', phone: '06 39 98 21 04' },
    { name: 'Groupe 60 kVA', kind: 'generator', lengthM: '4', widthM: '2', generatorKw: '48', plate: 'FA-625-GK', driver: 'Didier Caron', phone: '06 39 98 21 03' },
    { name: 'Fourgon régie', kind: 'productionOffice', lengthM: '6,5', widthM: '2,2', plate: 'GC-054-BW', driver: 'Lucas Perrin', phone: '06 39 98 21 08' },
    { name: 'Camion loges', kind: 'dressingRoom', lengthM: '12', widthM: '2,55', plate: 'DX-771-HJ', driver: 'Patrick Vidal', phone: '06 39 98 21 05' },
    { name: 'Peugeot 504 break', kind: 'pictureCar', lengthM: '4,8', widthM: '1,7', plate: 'CK-504-TZ', driver: 'Serge Lemaire', phone: '' },
  ]
  for (const { kind, ...vehicle } of vehicles) await addRecord(page, pid, 'vehicles', { ...vehicle, kind: { option: kind! } })

  // J3's placements along both kerbs of the street, the loges off the street in the base camp, the picture car
  // placed without a position yet.
  const day = `J3 · ${date}`
  const parked = (along: number, across: number, heading: number) => {
    const { lat, lng } = onStreet(along, across)
    return { lat: String(lat), lng: String(lng), heading: String(heading) }
  }
  const odd = { street: 'Rue des Martyrs', side: { option: 'odd' } }
  await addPlacement(page, pid, day, 'Fourgon caméra', { ...odd, fromNumber: '45', toNumber: '47', arrival: '07:00', departure: '20:00', ...parked(-6, -3.9, 352) })
  await addPlacement(page, pid, day, 'Porteur électro 19 t', { ...odd, fromNumber: '49', toNumber: '53', arrival: '06:30', departure: '20:30', ...parked(3, -3.7, 352) })
  await addPlacement(page, pid, day, 'Porteur machino 19 t', { ...odd, fromNumber: '53', toNumber: '57', arrival: '06:30', departure: '20:30', ...parked(14, -3.7, 352) })
  await addPlacement(page, pid, day, 'Groupe 60 kVA', { ...odd, fromNumber: '57', toNumber: '59', arrival: '06:30', departure: '20:30', ...parked(22, -4, 172) })
  await addPlacement(page, pid, day, 'Fourgon régie', { street: 'Rue des Martyrs', side: { option: 'even' }, fromNumber: '48', toNumber: '50', arrival: '07:00', departure: '21:00', ...parked(2, 3.9, 172) })
  await addPlacement(page, pid, day, 'Camion loges', { onStreet: false, street: 'Cour de l\'école Turgot', arrival: '06:00', departure: '20:00', ...parked(27, 29, 82) })
  await addPlacement(page, pid, day, 'Peugeot 504 break', { ...odd, fromNumber: '41', toNumber: '43', arrival: '10:00', departure: '12:00' })
  await drawKerbsAndBaseCamp(page, dayId)

  // The vehicle plan, A4, at a stated scale: every vehicle numbered, the picture car listed but not drawn, and the
  // 9e's cap of 5 technical vehicles kept (the picture car and the off-street loges do not count).
  await page.goto(`/p/${pid}/vehicle-plan/print?day=${dayId}`)
  const drawing = page.getByTestId('plan-drawing')
  await expect(drawing).toBeVisible()
  await expect(drawing).toHaveAttribute('data-scale', '500')
  await expect(drawing.locator('[data-testid^="plan-vehicle-"]')).toHaveCount(6)
  await expect(drawing.getByTestId('plan-kerb')).toHaveCount(2)
  await expect(drawing.getByTestId('plan-base-camp')).toHaveCount(1)
  await expect(page.getByTestId('plan-vehicles').locator('tbody tr')).toHaveCount(7)
  await expect(page.getByTestId('plan-not-drawn')).toHaveCount(1)
  await expect(page.getByTestId('plan-vehicles')).toContainText('Rue des Martyrs, côté impair, du n° 45 au n° 47')
  await expect(page.getByTestId('plan-streets')).toContainText('du n° 41 au n° 59')
  await expect(page.getByTestId('plan-streets')).toContainText('sans le n° 7 (non placé sur le plan)')
  await expect(page.getByTestId('plan-check-ok')).toContainText('Conforme aux règles de Paris')
  await expect(page.getByTestId('plan-decors')).toContainText('47 rue des Martyrs, 75009 Paris')
  await expect(page.getByTestId('print-warnings')).toContainText('1 véhicule n\'a pas de position')
  await page.screenshot({ path: `${SHOTS}/vehicle-plan-print-phone.png`, fullPage: true })
  await printToPdf(page, 'vehicle-plan')
  // English on request.
  await page.getByTestId('dossier-lang-en').click()
  await expect(page.locator('main h1')).toHaveText('Vehicle placement plan')
  await expect(page.getByTestId('plan-check-ok')).toContainText('Complies with the rules of Paris')
  await expect(page.getByText(/^Printed on /)).toBeVisible()
  await printToPdf(page, 'vehicle-plan-en')

  // The residents' notice for J3 and J4: the hours from the placements (J3) or the call and wrap (J4), the places
  // merged per street side, the parking ban and the régie's contact.
  await page.goto(`/p/${pid}/vehicle-plan/notice?day=${dayId},${nextDayId}`)
  await expect(page.locator('main h1')).toHaveText('AVIS AUX RIVERAINS')
  await expect(page.getByTestId('notice-days').locator('li')).toHaveCount(2)
  await expect(page.getByTestId('notice-days')).toContainText('de 6 h à 21 h')
  await expect(page.getByTestId('notice-days')).toContainText('de 9 h à 18 h')
  const places = page.getByTestId('notice-places').locator('li')
  await expect(places).toHaveText(['Rue des Martyrs, côté pair, du n° 48 au n° 50', 'Rue des Martyrs, côté impair, du n° 41 au n° 59'])
  // J4 has no vehicle on the street yet: parking is banned on J3 only, and the screen says why.
  await expect(page.getByTestId('notice-ban').locator('li')).toHaveCount(1)
  await expect(page.getByTestId('notice-ban')).toContainText('de 6 h 30 à 21 h')
  await expect(page.getByTestId('notice-ban')).not.toContainText('de 9 h à 18 h')
  await expect(page.getByTestId('notice-contact')).toContainText('Inès Garnier (régisseuse générale) – 06 39 98 00 42')
  await expect(page.getByTestId('print-warnings')).toContainText('J4 : aucun véhicule sur la voie publique')
  await page.screenshot({ path: `${SHOTS}/residents-notice-phone.png`, fullPage: true })
  await printToPdf(page, 'residents-notice')
  // A day with no vehicle on the street: the notice says so loudly on screen, and prints lines to fill in.
  await page.goto(`/p/${pid}/vehicle-plan/notice?day=${nextDayId}`)
  await expect(page.getByTestId('print-warnings')).toContainText('Aucun emplacement connu')
  await expect(page.getByTestId('notice-places-blank')).toBeVisible()
  await printToPdf(page, 'residents-notice-no-place')

  // Two permit requests to two authorities from the catalogue.
  await page.goto(`/p/${pid}/authorities`)
  await page.getByTestId('add-catalogue').click()
  await expect(page.getByTestId('authority-catalogue')).toHaveCount(0)
  const permits: string[] = []
  for (const [title, authority] of [['Rue des Martyrs – J3 et J4', 'Paris Film – Ville de Paris'], ['Stationnement rue des Martyrs', 'Préfecture de police']] as const) {
    await page.goto(`/p/${pid}/permits/new`)
    await page.locator('[name="title"]').fill(title)
    await page.locator('[name="authorityId"]').selectOption({ label: authority })
    await page.getByRole('checkbox', { name: 'Appartement de Jeanne' }).check()
    await page.getByRole('checkbox', { name: day }).check()
    await fillForm(page, { crewSize: '35', vehicleCount: '7', contactName: 'Inès Garnier', contactPhone: '06 39 98 00 42' })
    await page.getByTestId('save').click()
    await expect(page.getByTestId('record-detail')).toBeVisible()
    permits.push(page.url().split('/permits/')[1]!.split(/[/?]/)[0]!)
  }

  // The first one through its whole workflow: sent (despite the missing documents, confirmed), under review,
  // granted, order received.
  await page.goto(`/p/${pid}/permits/${permits[0]}`)
  for (const [to, label] of [['sent', 'Envoyée'], ['underReview', 'En instruction'], ['granted', 'Accordée'], ['orderReceived', 'Arrêté reçu']] as const) {
    await page.getByTestId(`transition-${to}`).click()
    await expect(page.getByTestId('permit-status')).toHaveText(label)
  }

  // The overview by urgency lists both.
  await page.goto(`/p/${pid}/permit-overview`)
  await expect(page.getByTestId(`overview-${permits[0]}`)).toBeVisible()
  await expect(page.getByTestId(`overview-${permits[1]}`)).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/permit-overview.png`, fullPage: true })

  // The granted request prints with J3's vehicle plan, from a new page.
  await page.goto(`/p/${pid}/permits/${permits[0]}/print`)
  const plan = page.getByTestId('print-vehicle-plan')
  await expect(plan).toHaveCount(1)
  await expect(plan.getByTestId('plan-drawing')).toBeVisible()
  await expect(plan.getByTestId('plan-vehicles').locator('tbody tr')).toHaveCount(7)
  await printToPdf(page, 'permit-with-plan')

  // City rules: the set in use explained; a shared file with a mistake is refused, with where it is.
  await page.goto(`/p/${pid}`)
  await page.getByTestId('city-rules-link').click()
  await expect(page.getByTestId('city-rules-in-use')).toContainText('Paris')
  await expect(page.getByTestId('rule-set-paris')).toContainText('Au plus 5 véhicules techniques sur la voie publique dans : Paris Centre, 1er, 2e')
  const lyon = { formatVersion: 1, id: 'lyon', name: 'Lyon', asOf: '2025', rules: [{ kind: 'maxTechnicalVehicles', zones: ['1', '2'], max: 4.5, messageKey: 'rules.lyon.max' }] }
  await page.locator('[name="ruleSetJson"]').fill(JSON.stringify(lyon))
  await page.getByTestId('rule-import-add').click()
  await expect(page.getByTestId('rule-import-problems')).toContainText('règle 1, max : saisissez un nombre entier')
  await expect(page.getByTestId('rule-set-lyon')).toHaveCount(0)
  await page.locator('[name="ruleSetJson"]').fill(JSON.stringify({ ...lyon, rules: [{ ...lyon.rules[0], max: 4 }] }))
  await page.getByTestId('rule-import-add').click()
  await expect(page.getByTestId('rule-set-lyon')).toBeVisible()
  await page.getByTestId('choose-lyon').check()
  await expect(page.getByTestId('city-rules-in-use')).toContainText('Lyon')
  await page.screenshot({ path: `${SHOTS}/city-rules.png`, fullPage: true })
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-lyon').click()])
  expect(download.suggestedFilename()).toBe('regles-lyon.json')
  await page.getByTestId('remove-lyon').click()
  await expect(page.getByTestId('rule-set-lyon')).toHaveCount(0)
  await expect(page.getByTestId('city-rules-in-use')).toContainText('Paris')
  await context.setOffline(false)
})
