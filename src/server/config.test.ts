import { describe, expect, it } from 'vitest'
import { readConfig } from './config'

describe('PUBLIC_URL', () => {
  it('is the address invites point at, without a trailing slash', () => {
    expect(readConfig({}).publicUrl).toBeUndefined()
    expect(readConfig({ PUBLIC_URL: 'https://regie.example.org/' }).publicUrl).toBe('https://regie.example.org')
    expect(readConfig({ PUBLIC_URL: 'http://192.168.1.20:8080' }).publicUrl).toBe('http://192.168.1.20:8080')
    expect(readConfig({ PUBLIC_URL: 'https://example.org/regie/' }).publicUrl).toBe('https://example.org/regie')
  })

  it('refuses what is not an http(s) address, naming the variable', () => {
    for (const bad of ['regie.example.org', 'ftp://example.org', 'https://example.org/?x=1', 'javascript:alert(1)']) {
      expect(() => readConfig({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL/)
    }
  })
})
