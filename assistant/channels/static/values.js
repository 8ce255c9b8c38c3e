/* Reading the server's JSON safely: any field may be missing or of another type. */

/** A plain object (not null, not an array): the only kind of value a field is read from. */
export function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Any value as text, "" for nothing, so the page never shows "undefined". */
export function asText(value) {
  if (value === undefined || value === null) {
    return "";
  }
  return typeof value === "string" ? value : String(value);
}

/** The first non-empty text (or number) under `keys`: payloads name the same thing in more than one way. */
export function firstText(obj, keys) {
  if (!isObject(obj)) {
    return "";
  }
  for (let i = 0; i < keys.length; i++) {
    const v = obj[keys[i]];
    if (typeof v === "string" && v.trim()) {
      return v.trim();
    }
    if (typeof v === "number") {
      return String(v);
    }
  }
  return "";
}
