/* One exchange with the assistant at a time: a typed message, a recording being sent, or a restart.
 * The modules that start one check here first, so replies cannot arrive out of order. */

let current = null; // "message", "voice", "restart" or null

/** What is on its way to the assistant now, or null. */
export function busyWith() {
  return current;
}

export function beginExchange(kind) {
  current = kind;
}

export function endExchange() {
  current = null;
}
