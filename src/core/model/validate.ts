/** Runs a schema and turns valibot issues into `{field path: message key}`, the shape forms and the server report. */
import * as v from 'valibot'
import { MSG } from './fields'

export type FieldErrors = Record<string, string>

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors }

export function validate<TSchema extends v.GenericSchema>(schema: TSchema, input: unknown): Validation<v.InferOutput<TSchema>> {
  const result = v.safeParse(schema, input)
  if (result.success) return { ok: true, value: result.output }
  const errors: FieldErrors = {}
  for (const issue of result.issues) {
    const path = v.getDotPath(issue) ?? '_'
    errors[path] ??= isMissingKey(issue) ? MSG.required : issue.message
  }
  return { ok: false, errors }
}

/** valibot reports an absent key with the object schema's own English message, not the field's locale key. */
function isMissingKey(issue: v.BaseIssue<unknown>): boolean {
  return issue.kind === 'schema' && issue.input === undefined && issue.path?.at(-1)?.origin === 'key'
}
