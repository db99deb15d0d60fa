import { describe, expect, it } from 'vitest'
import { drawInk, inkLength, isBlank, MIN_INK_LENGTH, type InkContext, type Stroke } from './signatureInk'

function recordingContext() {
  const calls: string[] = []
  const context: InkContext = {
    lineWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    strokeStyle: '',
    beginPath: () => calls.push('begin'),
    moveTo: (x, y) => calls.push(`move ${x},${y}`),
    lineTo: (x, y) => calls.push(`line ${x},${y}`),
    stroke: () => calls.push('stroke'),
  }
  return { context, calls }
}

describe('signature ink', () => {
  it('measures the ink of every stroke, not the jumps between strokes', () => {
    const strokes: Stroke[] = [[{ x: 0, y: 0 }, { x: 3, y: 4 }], [{ x: 100, y: 100 }, { x: 100, y: 110 }, { x: 110, y: 110 }]]
    expect(inkLength(strokes)).toBe(25)
  })

  it('counts no strokes, taps and a tiny slip as blank, a real scribble as signed', () => {
    expect(isBlank([])).toBe(true)
    expect(isBlank([[{ x: 10, y: 10 }], [{ x: 40, y: 10 }]])).toBe(true)
    expect(isBlank([[{ x: 10, y: 10 }, { x: 10 + MIN_INK_LENGTH - 1, y: 10 }]])).toBe(true)
    expect(isBlank([[{ x: 10, y: 10 }, { x: 30, y: 25 }, { x: 50, y: 10 }]])).toBe(false)
  })

  it('draws every stroke as one path, a lone point as a dot, and only the newest segment while drawing', () => {
    const { context, calls } = recordingContext()
    drawInk(context, [[{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: 6 }], [{ x: 9, y: 9 }]])
    expect(calls).toEqual(['begin', 'move 1,2', 'line 3,4', 'line 5,6', 'stroke', 'begin', 'move 9,9', 'line 9.01,9', 'stroke'])
    expect(context.lineCap).toBe('round')

    const live = recordingContext()
    drawInk(live.context, [[{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: 6 }]], true)
    expect(live.calls).toEqual(['begin', 'move 3,4', 'line 5,6', 'stroke'])
  })
})
