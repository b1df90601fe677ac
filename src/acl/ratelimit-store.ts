/** Placeholder, replaced below. */
export interface RatelimitStore {
  get(key: string): Promise<unknown>;
}
