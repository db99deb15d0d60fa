import { describe, expect, it } from 'vitest'
import { SyncFailure } from '../../sync/syncClient'
import { deviceLabel } from './deviceLabel'
import { groupedCode, inviteCodeFrom } from './inviteCode'
import { teamErrorKey } from './teamErrors'

const CODE = 'AbCd-fGh_IjKlMnOpQrStUvW'

describe('inviteCodeFrom', () => {
  it('reads a bare code, a code typed in groups of four, and a whole invite link', () => {
    expect(inviteCodeFrom(CODE)).toBe(CODE)
    expect(inviteCodeFrom(` ${groupedCode(CODE)} `)).toBe(CODE)
    expect(inviteCodeFrom(`https://regie.example/join/${CODE}`)).toBe(CODE)
    expect(inviteCodeFrom(`http://192.168.1.20:8080/join/${CODE}?from=qr`)).toBe(CODE)
  })

  it('gives nothing for text that cannot be a code', () => {
    expect(inviteCodeFrom('')).toBe('')
    expect(inviteCodeFrom('abc')).toBe('')
    expect(inviteCodeFrom('AbCd EfGh IjKl MnOp Qr$t')).toBe('')
  })
})

describe('groupedCode', () => {
  it('spaces the code every four characters, without a trailing space', () => {
    expect(groupedCode('AbCdEfGhIj')).toBe('AbCd EfGh Ij')
    expect(groupedCode('AbCdEfGh')).toBe('AbCd EfGh')
  })
})

describe('deviceLabel', () => {
  it('names the system and browser of common phones and computers', () => {
    expect(deviceLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1')).toBe('iPhone · Safari')
    expect(deviceLabel('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36')).toBe('Android · Chrome')
    expect(deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0')).toBe('Windows · Edge')
    expect(deviceLabel('Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0')).toBe('Mac · Firefox')
    expect(deviceLabel('curl/8.0')).toBeUndefined()
  })
})

describe('teamErrorKey', () => {
  it('explains the server refusals of team actions, and falls back on the kind of failure', () => {
    expect(teamErrorKey(new SyncFailure('rejected', 'last_owner', { error: 'last_owner' }))).toBe('team.refusals.last_owner')
    expect(teamErrorKey(new SyncFailure('unauthorized', 'forbidden', { error: 'forbidden' }))).toBe('team.refusals.forbidden')
    expect(teamErrorKey(new SyncFailure('rejected', 'invalid_body', { error: 'invalid_body' }))).toBe('team.errors.rejected')
    expect(teamErrorKey(new SyncFailure('offline', 'timeout'))).toBe('team.errors.offline')
    expect(teamErrorKey(new Error('boom'))).toBe('team.errors.server')
  })
})
