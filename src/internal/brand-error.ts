/**
 * Gives an error class its literal `name` and its stable `code`, both on the prototype, so every
 * error class of tsaio gets them the same way (and subclasses override them the same way).
 */
export function brandError(cls: abstract new (...args: any[]) => Error, name: string, code: string): void {
  Object.defineProperty(cls, 'name', { value: name });
  Object.defineProperty(cls.prototype, 'name', { get: () => name, configurable: true });
  Object.defineProperty(cls.prototype, 'code', { value: code, writable: false, configurable: true });
}
