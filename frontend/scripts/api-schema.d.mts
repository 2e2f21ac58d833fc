export function canonical(value: unknown): unknown
export function serialize(doc: unknown): string
export function generateTypes(doc: unknown): Promise<string>
export function fetchDocument(base: string): Promise<unknown>
