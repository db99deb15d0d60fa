/** Reads a request body or query with its valibot schema: the parsed value, or a 400 naming each problem. */
import * as v from 'valibot'
import { HttpError } from '../auth'

export function parseInput<T extends v.GenericSchema>(schema: T, input: unknown, code = 'invalid_body'): v.InferOutput<T> {
  const result = v.safeParse(schema, input)
  if (!result.success) {
    throw new HttpError(400, code, result.issues.slice(0, 5).map((issue) => `${v.getDotPath(issue) ?? ''} ${issue.message}`.trim()).join('; '))
  }
  return result.output
}
